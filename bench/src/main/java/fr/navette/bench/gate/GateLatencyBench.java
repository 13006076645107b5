package fr.navette.bench.gate;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.SessionSettings;
import fr.navette.gate.GateAgent;
import fr.navette.gpio.MockGpio;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.reader.feig.FeigReader;
import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialLink;
import fr.navette.reader.serial.SerialPorts;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.ObservedReader;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gate's alarm latency: from the last byte of the reader's reply (pty) — or the in-process simulated reader's
 * answer — to the alarm output's line set, over many alarms, on the whole {@link GateAgent} (its runtime, outbox
 * and session running beside it). Each alarm: a new armed tag enters the field, the light's edge is timed on
 * Pi4J's mock (a logic analyser on the pin), the gate is silenced, the tag leaves.
 *
 * <p>{@code GateLatencyBench in-process|pty [alarms] [warm-up] [broker-uri]}
 */
public final class GateLatencyBench {
  private GateLatencyBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "bench-logback.xml");
    }
    String mode = args.length > 0 ? args[0] : "in-process";
    int alarms = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    String broker = args.length > 3 ? args[3] : "tcp://127.0.0.1:1883";
    Path dir = Files.createTempDirectory("gate-bench-");
    VirtualField field = new VirtualField();
    AtomicLong frameReceived = new AtomicLong();
    PtyReaderSimulator pty = null;
    RfidReader reader;
    if (mode.equals("pty")) {
      pty = PtyReaderSimulator.start(PtyReaderSimulator.Protocol.FEIG, field, dir.resolve("pty"));
      reader = new FeigReader(new StampingPorts(SerialPorts.jSerialComm(), frameReceived),
          SerialConfig.feig(pty.devicePath().toString()));
    } else if (mode.equals("in-process")) {
      // the in-process reader's "last byte" is the moment its answer is back
      reader = new ObservedReader(new SimulatedReader(field), () -> frameReceived.set(System.nanoTime()));
    } else {
      throw new IllegalArgumentException("mode: in-process or pty, got " + mode);
    }
    Map<String, String> settings = Map.of("site", "BENCH", "device-id", "gate-bench-" + mode, "gpio.provider", "mock",
        "reader.pause-ms", mode.equals("pty") ? "0" : "1", "alarm.pattern", "5000/0x1 5000", "alarm.hold-off-ms", "0",
        "count.interval-s", "900");
    long[] latencies = new long[alarms];
    Semaphore edge = new Semaphore(0);
    AtomicLong lastLatency = new AtomicLong();
    try (MockGpio gpio = MockGpio.create();
         GateAgent gate = GateAgent.start(() -> settings, reader, gpio,
             DeviceRuntime.Settings.of(SessionSettings.of(broker, "BENCH", "gate-bench-" + mode), dir.resolve("data")),
             Clock.systemUTC())) {
      gpio.watchOutput("light", (pin, high, active, nanos) -> {
        if (active) {
          lastLatency.set(nanos - frameReceived.get());
          edge.release();
        }
      });
      long uid = 0xE004090000000000L;
      for (int i = -warmUp; i < alarms; i++) {
        SimulatedTag tag = SimulatedTag.forItem(new Uid(++uid), "B" + (uid & 0xFFFFFF), "FR-751131015",
            SecurityPolicy.ISO_ARMED_AFI);
        field.put(tag);
        if (!edge.tryAcquire(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no alarm within 10 s for tag " + tag.uid() + " (alarm " + i + ")");
        }
        if (i >= 0) {
          latencies[i] = lastLatency.get();
        }
        gate.silence();
        field.remove(tag.uid());
      }
    } finally {
      if (pty != null) {
        pty.close();
      }
    }
    Arrays.sort(latencies);
    System.out.printf("gate alarm latency, %s, %,d alarms (after %,d warm-up): p50 %.3f ms, p99 %.3f ms, "
            + "p99.9 %.3f ms, max %.3f ms%n", mode, alarms, warmUp, ms(latencies[alarms / 2]),
        ms(latencies[(int) (alarms * 0.99)]), ms(latencies[(int) (alarms * 0.999)]), ms(latencies[alarms - 1]));
    System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
        + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.exit(0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Stamps each read that brought bytes: the last one before the edge holds the reply's last byte. */
  private record StampingPorts(SerialPorts ports, AtomicLong stamp) implements SerialPorts {
    @Override
    public SerialLink open(SerialConfig config) throws IOException {
      SerialLink link = ports.open(config);
      return new SerialLink() {
        @Override
        public void write(byte[] data) throws IOException {
          link.write(data);
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws IOException {
          int n = link.read(buffer, timeout);
          if (n > 0) {
            stamp.set(System.nanoTime());
          }
          return n;
        }

        @Override
        public void discardInput() throws IOException {
          link.discardInput();
        }

        @Override
        public String name() {
          return link.name();
        }

        @Override
        public void close() {
          link.close();
        }
      };
    }
  }
}
