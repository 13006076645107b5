package fr.navette.bench.agent;

import fr.navette.agent.Outbox;
import fr.navette.agent.SqliteOutbox;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable outbox on a real SQLite file (WAL): events stored per second (each append on disk before it
 * returns: one fsync), and events stored then confirmed (append, hand out, remove) per second. The file lives
 * in the working directory's {@code target/} so that it is on the machine's real disk, not a tmpfs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class OutboxBench {
  private final Clock clock = Clock.systemUTC();
  private Path dir;
  private SqliteOutbox outbox;

  @Setup(Level.Trial)
  public void open() throws IOException {
    Path base = Path.of("target");
    Files.createDirectories(base);
    dir = Files.createTempDirectory(base.toAbsolutePath(), "outbox-bench");
    outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "box-bench-1", clock);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    outbox.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Outbox.StoredEvent stored() {
    return append();
  }

  @Benchmark
  public long storedThenConfirmed() {
    append();
    Outbox.StoredEvent oldest = outbox.oldest(1).getFirst();
    outbox.remove(oldest.sequence());
    return oldest.sequence();
  }

  private Outbox.StoredEvent append() {
    Instant now = clock.instant();
    return outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, "0012345678", now, false)));
  }
}
