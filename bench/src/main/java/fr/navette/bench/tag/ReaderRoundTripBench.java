package fr.navette.bench.tag;

import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.reader.threem.ThreeMReader;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.PtyReaderSimulator.Protocol;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inventory through the real driver, a real pty (socat) and the reader simulator: the
 * software cost a gate pays per poll, without the air time of a real reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReaderRoundTripBench {

  @Param({"FEIG", "THREE_M"})
  public Protocol protocol;

  @Param({"1", "10"})
  public int tags;

  private Path dir;
  private PtyReaderSimulator sim;
  private RfidReader reader;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("navette-bench-reader-");
    VirtualField field = new VirtualField();
    for (int i = 0; i < tags; i++) {
      field.put(SimulatedTag.forItem(new Uid(0xE004010000000000L | i), "3000" + i, "FR-751131015", 0x07));
    }
    sim = PtyReaderSimulator.start(protocol, field, dir);
    var config = protocol.serialConfig(sim.devicePath().toString());
    reader = protocol == Protocol.FEIG ? new FeigReader(SerialPorts.jSerialComm(), config) : new ThreeMReader(SerialPorts.jSerialComm(), config);
  }

  @Benchmark
  public List<InventoryEntry> inventory() throws ReaderException {
    List<InventoryEntry> seen = reader.inventory(Duration.ofSeconds(2));
    if (seen.size() != tags) {
      throw new IllegalStateException("saw " + seen.size() + " tags, expected " + tags);
    }
    return seen;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    reader.close();
    sim.close();
    Files.deleteIfExists(dir);
  }
}
