package fr.navette.reader.serial;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.reader.feig.FeigFrame;
import fr.navette.reader.threem.ThreeMFrame;
import org.junit.jupiter.api.Test;

class FrameBufferTest {
  @Test
  void garbageBeforeAGoodFrameIsDroppedAndCountedOnce() {
    FrameBuffer b = new FrameBuffer(ThreeMFrame.CODEC);
    byte[] good = ThreeMFrame.encode(0xFE, (byte) 0, (byte) 0, (byte) 5, (byte) 0);
    byte[] junk = {0x01, 0x02, (byte) 0xD6, 0x00, 0x05, 0x11, 0x22, 0x33, 0x44, 0x55};
    b.append(junk, junk.length);
    b.append(good, good.length);
    assertThat(b.next()).hasValueSatisfying(f -> assertThat(f).isEqualTo(good));
    assertThat(b.garbledFrames()).isEqualTo(1); // stray bytes and a bad-BCC frame, one run
    b.append(junk, 2);
    b.append(good, good.length);
    assertThat(b.next()).isPresent();
    assertThat(b.garbledFrames()).isEqualTo(2); // a second run, after a good frame
    assertThat(b.pending()).isZero();
  }

  @Test
  void framesArriveInPieces() {
    FrameBuffer b = new FrameBuffer(FeigFrame.CODEC);
    byte[] f = FeigFrame.encode(0xFF, 0xB0, (byte) 0x01, (byte) 0x00);
    b.append(f, 3);
    assertThat(b.next()).isEmpty();
    byte[] rest = java.util.Arrays.copyOfRange(f, 3, f.length);
    b.append(rest, rest.length);
    assertThat(b.next()).hasValueSatisfying(x -> assertThat(x).isEqualTo(f));
    assertThat(b.garbledFrames()).isZero();
  }
}
