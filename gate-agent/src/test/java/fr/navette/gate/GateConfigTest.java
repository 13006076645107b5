package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.gate.config.GateConfig;
import fr.navette.gate.config.GateConfigException;
import fr.navette.gpio.GpioProvider;
import fr.navette.gpio.PinSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> s = new HashMap<>();
    s.put("site", "BR01");
    s.put("device-id", "gate-BR01-1");
    return s;
  }

  private static GateConfig with(String key, String value) {
    Map<String, String> s = minimal();
    s.put(key, value);
    return GateConfig.parse(s);
  }

  @Test
  void defaultsAreThoseOfAPiWithIsoAfiSecurity() {
    GateConfig c = GateConfig.parse(minimal());
    assertThat(c.gpioProvider()).isEqualTo(GpioProvider.GPIOD);
    assertThat(c.light()).isEqualTo(PinSpec.activeHigh("light", 17));
    assertThat(c.beamA()).isEqualTo(PinSpec.activeLow("beam-a", 5));
    assertThat(c.security().inventoryFilters()).containsExactly(0x07);
    assertThat(c.holdOff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.countInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.readerPort()).isEmpty();
    assertThat(GateConfig.parse(c.settings())).as("settings() reads back").isEqualTo(c);
  }

  @Test
  void everyBadSettingIsNamed() {
    assertThatThrownBy(() -> with("alarm.holdoff-ms", "10")).isInstanceOf(GateConfigException.class)
        .hasMessageContaining("alarm.holdoff-ms").hasMessageContaining("alarm.hold-off-ms");
    assertThatThrownBy(() -> with("pin.buzzer", "17")).hasMessageContaining("pin.buzzer").hasMessageContaining("17");
    assertThatThrownBy(() -> with("pin.light", "40")).hasMessageContaining("pin.light");
    assertThatThrownBy(() -> with("pin.beam-a", "5:inverted")).hasMessageContaining("pin.beam-a");
    assertThatThrownBy(() -> with("security", "rfid")).hasMessageContaining("security");
    assertThatThrownBy(() -> with("security.armed-afi", "07,XY")).hasMessageContaining("security.armed-afi");
    assertThatThrownBy(() -> with("security.armed-afi", "C2")).hasMessageContaining("security");
    assertThatThrownBy(() -> with("reader.protocol", "iso")).hasMessageContaining("reader.protocol");
    assertThatThrownBy(() -> with("alarm.pattern", "loud")).hasMessageContaining("alarm.pattern");
    assertThatThrownBy(() -> with("count.interval-s", "0")).hasMessageContaining("count.interval-s");
    assertThatThrownBy(() -> with("gpio.provider", "wiringpi")).hasMessageContaining("gpio.provider");
    assertThatThrownBy(() -> GateConfig.parse(Map.of("site", "BR01"))).hasMessageContaining("device-id");
  }

  @Test
  void onlyTunablesMayChangeWhileRunning() {
    GateConfig c = GateConfig.parse(minimal());
    assertThat(c.hardwareChanges(c.with(Map.of("alarm.hold-off-ms", "1000", "security", "eas")))).isEmpty();
    assertThat(c.hardwareChanges(c.with(Map.of("pin.light", "22", "reader.port", "/dev/ttyUSB1"))))
        .containsExactly("pin.light", "reader.port");
  }
}
