package fr.navette.bench.tag;

import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tag decodes per second on one thread (goal: at least 1,000,000): a gate decodes every tag it
 * sees. Inputs are whole tag memories as a reader returns them (28 blocks of 4 bytes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TagDecodeBench {

  @Param({"iso28560-3", "iso28560-2", "3m-rfid501"})
  public String format;

  private byte[] memory;

  @Setup
  public void setUp() {
    String hex =
        switch (format) {
          case "iso28560-3" -> "11010131313232333334340000000000000000513e4445373035000000000000";
          case "iso28560-2" -> "9100051cbe991a140201d0140204b34607441cb6e2e335d6830207acc09ebaa06f6b0000";
          case "3m-rfid501" -> "0411000032303039303130313031323300000000ffffffff7fffffff00000000";
          default -> throw new IllegalArgumentException(format);
        };
    memory = java.util.Arrays.copyOf(HexFormat.of().parseHex(hex), 112);
  }

  @Benchmark
  public TagData decode() throws TagDataException {
    return TagDecoder.decode(memory);
  }
}
