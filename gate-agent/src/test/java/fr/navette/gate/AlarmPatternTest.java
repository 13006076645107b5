package fr.navette.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.gate.alarm.AlarmPattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlarmPatternTest {
  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }

  @Test
  void onOffRepeatsThenStops() {
    AlarmPattern p = AlarmPattern.parse("alarm.pattern", "200/100x3 5000");
    assertThat(p.length()).isEqualTo(ms(800)); // on 200, off 100, on 200, off 100, on 200
    assertThat(p.onAt(ms(0))).isTrue();
    assertThat(p.onAt(ms(199))).isTrue();
    assertThat(p.onAt(ms(200))).isFalse();
    assertThat(p.onAt(ms(300))).isTrue();
    assertThat(p.onAt(ms(799))).isTrue();
    assertThat(p.onAt(ms(800))).isFalse();
    assertThat(p.nextChangeAfter(ms(0))).isEqualTo(ms(200));
    assertThat(p.nextChangeAfter(ms(200))).isEqualTo(ms(300));
    assertThat(p.nextChangeAfter(ms(600))).isEqualTo(ms(800));
  }

  @Test
  void theDurationCapsThePattern() {
    AlarmPattern p = AlarmPattern.parse("alarm.pattern", "250/250x0 1100");
    assertThat(p.length()).isEqualTo(ms(1100));
    assertThat(p.onAt(ms(1050))).isTrue();
    assertThat(p.nextChangeAfter(ms(1000))).isEqualTo(ms(1100));
    assertThat(AlarmPattern.steady(Duration.ofSeconds(3)).length()).isEqualTo(Duration.ofSeconds(3));
    assertThat(AlarmPattern.steady(Duration.ofSeconds(3)).onAt(ms(2999))).isTrue();
  }

  @Test
  void badPatternsNameTheKey() {
    assertThatThrownBy(() -> AlarmPattern.parse("alarm.pattern", "250-250 3000")).hasMessageContaining("alarm.pattern")
        .hasMessageContaining("250-250 3000");
    assertThatThrownBy(() -> AlarmPattern.parse("alarm.pattern", "0/250x3 3000")).hasMessageContaining("on-time");
    assertThatThrownBy(() -> AlarmPattern.parse("alarm.pattern", "250/250x3 0")).hasMessageContaining("duration");
  }
}
