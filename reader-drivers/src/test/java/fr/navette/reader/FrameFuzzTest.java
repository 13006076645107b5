package fr.navette.reader;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.reader.feig.FeigFrame;
import fr.navette.reader.feig.FeigProtocol;
import fr.navette.reader.serial.FrameBuffer;
import fr.navette.reader.serial.FrameCodec;
import fr.navette.reader.threem.ThreeMFrame;
import fr.navette.reader.threem.ThreeMProtocol;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Both frame parsers, and the reply parsers behind them: arbitrary bytes give a value or a ReaderException. */
class FrameFuzzTest {
  static final Uid UID = Uid.parse("E004010012345678");

  @Property(tries = 3000)
  void feigFrameDecodeIsAValueOrOurError(@ForAll("bytes") byte[] raw) {
    try {
      FeigFrame f = FeigFrame.decode(raw);
      assertThat(FeigFrame.encode(f.address(), f.command(), f.body())).isEqualTo(raw);
    } catch (ReaderException e) {
      assertThat(e.kind()).isEqualTo(ReaderException.Kind.PROTOCOL);
    }
  }

  @Property(tries = 3000)
  void threeMFrameDecodeIsAValueOrOurError(@ForAll("bytes") byte[] raw) {
    try {
      ThreeMFrame f = ThreeMFrame.decode(raw);
      assertThat(ThreeMFrame.encode(f.start(), f.command(), f.fields())).isEqualTo(raw);
    } catch (ReaderException e) {
      assertThat(e.kind()).isEqualTo(ReaderException.Kind.PROTOCOL);
    }
  }

  @Property(tries = 1000)
  void framesRoundTrip(@ForAll("bytes") byte[] body, @ForAll @IntRange(min = 0, max = 255) int command) throws Exception {
    FeigFrame f = FeigFrame.decode(FeigFrame.encode(0xFF, command, body));
    assertThat(f.body()).isEqualTo(body);
    assertThat(f.command()).isEqualTo(command);
    ThreeMFrame t = ThreeMFrame.decode(ThreeMFrame.encode(command, body));
    assertThat(t.fields()).isEqualTo(body);
    assertThat(t.command()).isEqualTo(command);
  }

  /** Well-framed replies with arbitrary contents: every reply parser gives a value or our error. */
  @Property(tries = 3000)
  void replyParsersAreAValueOrOurError(@ForAll("bytes") byte[] body) {
    FeigProtocol feig = new FeigProtocol(0xFF, false);
    attempt(() -> FeigProtocol.parseInventory(FeigFrame.decode(FeigFrame.encode(0, 0xB0, body)), 0));
    attempt(() -> feig.parseReadBlocks(FeigFrame.decode(FeigFrame.encode(0, 0xB0, body)), 2, "read"));
    attempt(() -> FeigProtocol.parseSystemInfo(FeigFrame.decode(FeigFrame.encode(0, 0xB0, body)), UID));
    attempt(() -> FeigProtocol.parseEasAlarm(FeigFrame.decode(FeigFrame.encode(0, 0xB1, body))));
    attempt(() -> ThreeMProtocol.parseInventory(ThreeMFrame.decode(ThreeMFrame.encode(0xFE, body)), 0));
    attempt(() -> ThreeMProtocol.parseReadBlocks(ThreeMFrame.decode(ThreeMFrame.encode(0x02, body)), UID, 0, 2));
    attempt(() -> ThreeMProtocol.parseTagInfo(ThreeMFrame.decode(ThreeMFrame.encode(0x0D, body)), UID));
    attempt(() -> ThreeMProtocol.parseCheckEas(ThreeMFrame.decode(ThreeMFrame.encode(0x03, body))));
  }

  /** Line noise never throws out of the frame buffer, and a good frame after it is still found. */
  @Property(tries = 2000)
  void noiseThenAFrameIsFound(@ForAll("bytes") byte[] noise, @ForAll boolean feig) {
    FrameCodec codec = feig ? FeigFrame.CODEC : ThreeMFrame.CODEC;
    byte[] good = feig ? FeigFrame.encode(0, 0xB0, (byte) 0, (byte) 0) : ThreeMFrame.encode(0xFE, (byte) 0, (byte) 0, (byte) 5, (byte) 0);
    FrameBuffer b = new FrameBuffer(codec);
    b.append(noise, noise.length);
    b.append(good, good.length);
    b.append(good, good.length);
    int found = 0;
    java.util.Optional<byte[]> f;
    while (b.pending() > 0) {
      if ((f = b.next()).isPresent()) {
        found++;
      } else {
        b.resync(); // what the transport does when the line goes quiet
      }
    }
    // noise may swallow the first copy (its head can look like a longer frame), never both
    assertThat(found).isBetween(1, 2 + noise.length);
  }

  interface Attempt {
    Object run() throws ReaderException;
  }

  static void attempt(Attempt a) {
    try {
      assertThat(a.run()).isNotNull();
    } catch (ReaderException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
  }
}
