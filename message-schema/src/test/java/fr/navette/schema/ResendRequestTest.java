package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.schema.ResendRequest.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code resend} command's one argument: what the hub writes, the device reads back, and what it refuses. */
class ResendRequestTest {
  @Test
  void rangesGoAndComeBack() {
    Map<String, String> args = ResendRequest.args(List.of(new Range(17, 17), new Range(40, 45)));
    assertThat(args).containsEntry("sequences", "17,40-45");
    assertThat(ResendRequest.parse(args)).containsExactly(new Range(17, 17), new Range(40, 45));
  }

  @Test
  void manyHolesAreAskedInTurnsOneArgumentAtATime() {
    List<Range> holes = new ArrayList<>();
    for (long n = 1_000_000; holes.size() < 100; n += 10) {
      holes.add(new Range(n, n + 1));
    }
    String text = ResendRequest.args(holes).get("sequences");
    assertThat(text.length()).isLessThanOrEqualTo(Limits.SETTING_VALUE); // what a command's argument may hold
    assertThat(ResendRequest.parse(Map.of("sequences", text))).isEqualTo(holes.subList(0, 16));
    // a hole wider than one command: its first 100,000
    assertThat(ResendRequest.args(List.of(new Range(5, 1_000_000)))).containsEntry("sequences", "5-100004");
  }

  @Test
  void whatIsNotRangesInOrderIsRefusedByName() {
    for (String bad : List.of("", "a", "3-2", "0", "5,5", "9,3", "1-100001", "1,,2")) {
      assertThatThrownBy(() -> ResendRequest.parse(Map.of("sequences", bad)), bad)
          .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.field()).isEqualTo("sequences"));
    }
    assertThatThrownBy(() -> ResendRequest.parse(Map.of())).hasMessageContaining("missing");
  }
}
