package fr.navette.kiosk.returnbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.gpio.GpioProvider;
import fr.navette.reader.protocol.ReaderProtocol;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReturnBoxSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> s = new HashMap<>();
    s.put("site", "BR02");
    s.put("device-id", "box-BR02-1");
    return s;
  }

  @Test
  void defaultsMakeAFiveBinBoxWithASlotSensorOnAFeigReader() {
    ReturnBoxSettings settings = ReturnBoxSettings.parse(minimal());

    assertThat(settings.box().site()).isEqualTo("BR02");
    assertThat(settings.bins().diverters()).containsOnlyKeys(Bin.values());
    assertThat(settings.slot()).isPresent();
    assertThat(settings.gpioProvider()).isEqualTo(GpioProvider.GPIOD);
    assertThat(settings.readerProtocol()).isEqualTo(ReaderProtocol.FEIG);
    assertThat(settings.readerPort()).isEmpty();
    assertThat(settings.box().answerWait()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aTwoBinBoxLeavesTheOthersEmptyAndNamesItsIsils() {
    Map<String, String> s = minimal();
    s.put("bin.shelves", "");
    s.put("bin.holds", "");
    s.put("bin.problems", "");
    s.put("pin.slot", "");
    s.put("network.isils", "FR-751, FR-752");
    s.put("reader.protocol", "3m");

    ReturnBoxSettings settings = ReturnBoxSettings.parse(s);

    assertThat(settings.bins().diverters()).containsOnlyKeys(Bin.SHUTTLE, Bin.TO_SORT);
    assertThat(settings.slot()).isEmpty();
    assertThat(settings.box().ownsIsil("FR-751010101")).isTrue();
    assertThat(settings.box().ownsIsil("FR-999")).isFalse();
    assertThat(settings.readerProtocol()).isEqualTo(ReaderProtocol.THREE_M);
  }

  @Test
  void eachMistakeIsRefusedNamingItsKey() {
    assertRefused("colour", "blue", "unknown return box setting 'colour'");
    assertRefused("bin.to-sort", "", "bin.to-sort: bins: the to-sort bin is required");
    assertRefused("bin.holds", "6", "bin.to-sort: bins: two bins share a diverter pin");
    assertRefused("answer-wait-ms", "soon", "answer-wait-ms: a whole number");
    assertRefused("mode", "x", "mode");
    assertRefused("security.armed-afi", "1FF", "security.armed-afi: one byte in hex");
    assertRefused("security", "rfid", "security: afi or eas");
    assertRefused("reader.protocol", "rfid", "reader.protocol: unknown reader protocol 'rfid'");
    assertRefused("pin.slot", "99", "pin.slot:");
    Map<String, String> noSite = minimal();
    noSite.remove("site");
    assertThatThrownBy(() -> ReturnBoxSettings.parse(noSite)).hasMessage("site: required");
  }

  private static void assertRefused(String key, String value, String message) {
    Map<String, String> s = minimal();
    s.put(key, value);
    assertThatThrownBy(() -> ReturnBoxSettings.parse(s)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
