package fr.navette.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UidTest {
  @Test
  void hexRoundTripE0First() {
    Uid u = Uid.parse("E004010012345678");
    assertThat(u.bytes()).containsExactly(0xE0, 0x04, 0x01, 0x00, 0x12, 0x34, 0x56, 0x78);
    assertThat(u).hasToString("E004010012345678");
    assertThat(Uid.fromBytes(u.bytes())).isEqualTo(u);
  }

  @Test
  void refusesWhatIsNotAnIso15693Uid() {
    assertThatThrownBy(() -> Uid.parse("0004010012345678")).hasMessageContaining("E0");
    assertThatThrownBy(() -> Uid.parse("E0040100")).hasMessageContaining("16 hex digits");
    assertThatThrownBy(() -> Uid.fromBytes(new byte[7])).hasMessageContaining("8 bytes");
  }

  @Test
  void readerExceptionNamesItsKind() {
    assertThat(new ReaderException(ReaderException.Kind.NO_TAG, "tag E004010012345678 gone").getMessage())
        .isEqualTo("no tag: tag E004010012345678 gone");
  }
}
