package fr.navette.bench.sip2;

import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Terminator;
import fr.navette.sip2.codec.messages.CheckinResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SIP2 codec throughput on one thread (issue goal: at least 1,000,000 messages/s): decode then encode a
 * checkin reply with ten variable fields, error detection on (checksum computed and verified), UTF-8, with a
 * French title. {@code generic}: the message layer the client and server move; {@code typed}: through the
 * {@link CheckinResponse} record as the hub reads it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Sip2CodecBench {
  private final Sip2Format format = new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, true);
  private byte[] frame;
  private Sip2Message message;
  private CheckinResponse record;

  @Setup
  public void setUp() {
    String reply = "101YNY20261124    101500AORESEAU|AB3000012345|AQBR04|AJLes Misérables, tome 2|CL3|CK001"
        + "|CRROMAN|CSR HUG|CTBR04|CV04|AY3AZ";
    frame = format.encode(messageOf(reply), 3);
    message = messageOf(reply);
    try {
      record = CheckinResponse.from(message);
    } catch (Sip2ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private Sip2Message messageOf(String withoutChecksum) {
    String text = withoutChecksum.substring(0, withoutChecksum.indexOf("|AY") + 1);
    try {
      return new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, false)
          .decode((text + "\r").getBytes(StandardCharsets.UTF_8)).message();
    } catch (Sip2ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public byte[] generic() throws Sip2ParseException {
    return format.encode(format.decode(frame).message(), 3);
  }

  @Benchmark
  public byte[] typed() throws Sip2ParseException {
    CheckinResponse reply = CheckinResponse.from(format.decode(frame).message());
    return format.encode(reply.toMessage(), 3);
  }

  // The parts of typed(), to see where the time goes (run with -e or a regex to skip them).

  @Benchmark
  public Sip2Message partDecode() throws Sip2ParseException {
    return format.decode(frame).message();
  }

  @Benchmark
  public byte[] partEncode() {
    return format.encode(message, 3);
  }

  @Benchmark
  public CheckinResponse partFromMessage() throws Sip2ParseException {
    return CheckinResponse.from(message);
  }

  @Benchmark
  public Sip2Message partToMessage() {
    return record.toMessage();
  }
}
