package fr.navette.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pi4J's mock platform driven like hardware through our interface: lines moved, levels read. */
class MockGpioTest {
  private final MockGpio gpio = MockGpio.create();

  @AfterEach
  void close() {
    gpio.close();
  }

  @Test
  void anActiveHighOutputDrivesHighWhenOn() {
    DigitalOut light = gpio.output(PinSpec.activeHigh("light", 17));
    assertThat(gpio.isHigh("light")).isFalse();

    light.on();
    assertThat(gpio.isHigh("light")).isTrue();
    assertThat(gpio.isActive("light")).isTrue();
    assertThat(light.isOn()).isTrue();

    light.off();
    assertThat(gpio.isHigh("light")).isFalse();
  }

  @Test
  void anActiveLowOutputStartsHighAndPullsLowWhenOn() {
    DigitalOut buzzer = gpio.output(PinSpec.activeLow("buzzer", 27));
    assertThat(gpio.isHigh("buzzer")).as("a relay board wired active-low must rest HIGH").isTrue();

    buzzer.on();
    assertThat(gpio.isHigh("buzzer")).isFalse();
    assertThat(gpio.isActive("buzzer")).isTrue();
  }

  @Test
  void inputListenersHearLogicalChangesThroughThePolarity() {
    DigitalIn beam = gpio.input(PinSpec.activeLow("beam-a", 5), Pull.UP, Duration.ofMillis(2));
    List<Boolean> heard = new ArrayList<>();
    beam.onChange((input, active, nanoTime) -> heard.add(active));

    assertThat(beam.isActive()).as("a mock input starts at rest, whatever its polarity").isFalse();
    gpio.setLevel("beam-a", false);  // pulled LOW: broken
    gpio.setLevel("beam-a", true);   // line HIGH: an active-low beam is clear
    gpio.setLevel("beam-a", false);
    assertThat(beam.isActive()).isTrue();
    gpio.setActive("beam-a", false);

    assertThat(heard).containsExactly(true, false, true, false);
    assertThat(beam.isActive()).isFalse();
  }

  @Test
  void aFailingListenerDoesNotSilenceTheOthers() {
    DigitalIn slot = gpio.input(PinSpec.activeHigh("slot", 6));
    List<Boolean> heard = new ArrayList<>();
    slot.onChange((input, active, nanoTime) -> { throw new IllegalStateException("boom"); });
    slot.onChange((input, active, nanoTime) -> heard.add(active));

    gpio.setActive("slot", true);
    assertThat(heard).containsExactly(true);
  }

  @Test
  void watchedOutputsReportEachEdgeWithItsTime() {
    DigitalOut light = gpio.output(PinSpec.activeLow("light", 17));
    List<String> edges = new ArrayList<>();
    gpio.watchOutput("light", (pin, high, active, nanoTime) -> edges.add(pin.name() + (active ? " on" : " off")));

    light.on();
    light.on();   // already on: no edge on the line
    light.off();
    assertThat(edges).containsExactly("light on", "light off");
  }

  @Test
  void closeSwitchesOutputsOff() {
    DigitalOut buzzer = gpio.output(PinSpec.activeHigh("buzzer", 27));
    DigitalOut light = gpio.output(PinSpec.activeLow("light", 17));
    List<String> edges = new ArrayList<>();
    for (String pin : List.of("buzzer", "light")) {
      gpio.watchOutput(pin, (spec, high, active, nanoTime) -> edges.add(spec.name() + (high ? " HIGH" : " LOW")));
    }
    buzzer.on();
    light.on();
    assertThat(gpio.isActive("buzzer")).as("on before close").isTrue();
    assertThat(gpio.isActive("light")).as("on before close").isTrue();
    edges.clear();

    gpio.close();

    // The wires themselves went to rest (a logic analyser's view), each at its polarity's off level, not a flag.
    assertThat(edges).containsExactlyInAnyOrder("buzzer LOW", "light HIGH");
    assertThat(buzzer.isOn()).isFalse();
    assertThat(light.isOn()).isFalse();
  }

  @Test
  void aPinOrANameCanBeClaimedOnce() {
    gpio.output(PinSpec.activeHigh("light", 17));
    assertThatThrownBy(() -> gpio.input(PinSpec.activeHigh("beam", 17)))
        .isInstanceOf(GpioException.class).hasMessageContaining("BCM 17").hasMessageContaining("light");
    assertThatThrownBy(() -> gpio.output(PinSpec.activeHigh("light", 18)))
        .isInstanceOf(GpioException.class).hasMessageContaining("light");
    // the refused claims left BCM 18 free
    gpio.output(PinSpec.activeHigh("buzzer", 18));
  }

  @Test
  void unknownNamesAreNamedInTheError() {
    gpio.output(PinSpec.activeHigh("light", 17));
    assertThatThrownBy(() -> gpio.output("buzer")).isInstanceOf(GpioException.class)
        .hasMessageContaining("buzer").hasMessageContaining("light");
    assertThatThrownBy(() -> gpio.input("light")).isInstanceOf(GpioException.class);
  }

  @Test
  void openMockGivesTheMockPlatform() {
    try (Pi4jGpio opened = Pi4jGpio.open(GpioProvider.MOCK)) {
      assertThat(opened).isInstanceOf(MockGpio.class);
      assertThat(opened.provider()).isEqualTo(GpioProvider.MOCK);
    }
  }
}
