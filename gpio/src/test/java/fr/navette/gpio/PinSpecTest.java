package fr.navette.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinSpecTest {
  @Test
  void parsesPinAndPolarity() {
    assertThat(PinSpec.parse("light", "17")).isEqualTo(PinSpec.activeHigh("light", 17));
    assertThat(PinSpec.parse("buzzer", " 27:active-low ")).isEqualTo(PinSpec.activeLow("buzzer", 27));
    assertThat(PinSpec.parse("beam-a", "5:ACTIVE-HIGH").configValue()).isEqualTo("5:active-high");
  }

  @Test
  void refusesWhatIsNotAPinNamingIt() {
    assertThatThrownBy(() -> PinSpec.parse("light", "28")).hasMessageContaining("light").hasMessageContaining("0-27");
    assertThatThrownBy(() -> PinSpec.parse("light", "-1")).hasMessageContaining("light");
    assertThatThrownBy(() -> PinSpec.parse("light", "GPIO17")).hasMessageContaining("light")
        .hasMessageContaining("GPIO17");
    assertThatThrownBy(() -> PinSpec.parse("light", "17:inverted")).hasMessageContaining("light")
        .hasMessageContaining("inverted");
    assertThatThrownBy(() -> PinSpec.parse("light", "17:low:x")).hasMessageContaining("light");
    assertThatThrownBy(() -> PinSpec.parse("light", "")).hasMessageContaining("light");
    assertThatThrownBy(() -> PinSpec.activeHigh("a light", 17)).isInstanceOf(GpioException.class)
        .hasMessageContaining("a light");
  }

  @Test
  void providersParseByConfigName() {
    assertThat(GpioProvider.parse("gpiod")).isEqualTo(GpioProvider.GPIOD);
    assertThat(GpioProvider.parse("LinuxFS")).isEqualTo(GpioProvider.LINUXFS);
    assertThatThrownBy(() -> GpioProvider.parse("wiringpi")).hasMessageContaining("wiringpi")
        .hasMessageContaining("gpiod");
  }
}
