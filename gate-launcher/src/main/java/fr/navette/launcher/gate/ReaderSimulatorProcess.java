package fr.navette.launcher.gate;

import fr.navette.reader.Uid;
import fr.navette.sim.devices.PtyReaderSimulator;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The FEIG reader simulator in a JVM of its own, behind its socat pty, as a gate's reader is a device of its own on a
 * Pi: {@code ./navette gate --simulate} then holds only what a device runs (and the walkers, the physical edge), and
 * its memory is the device's (bench/README.md). The walkers carry tags into its field by lines on its standard
 * input — {@code put <uid> <afi> <memory>} and {@code remove <uid>}, in hex — and it ends when that input closes,
 * so it never outlives the gate.
 */
final class ReaderSimulatorProcess implements GateTraffic.Field, AutoCloseable {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final String READY = "reader ";

  private final Process process;
  private final Writer commands;
  private final Path devicePath;

  private ReaderSimulatorProcess(Process process, Path devicePath) {
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.US_ASCII);
    this.devicePath = devicePath;
  }

  /** Starts the simulator with this JVM's java and class path; its pty appears in {@code dir}. */
  static ReaderSimulatorProcess start(Path dir) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), ReaderSimulatorProcess.class.getName(), dir.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      String line = first.get(30, TimeUnit.SECONDS);
      if (line == null || !line.startsWith(READY)) {
        throw new IOException("the reader simulator did not start (it said " + line + ")");
      }
      return new ReaderSimulatorProcess(process, Path.of(line.substring(READY.length())));
    } catch (ExecutionException | TimeoutException | IOException e) {
      process.destroyForcibly();
      throw e instanceof IOException io ? io : new IOException("the reader simulator did not start: " + e, e);
    }
  }

  Path devicePath() {
    return devicePath;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public synchronized void put(SimulatedTag tag) {
    send("put " + tag.uid() + " " + HEX.toHexDigits((byte) tag.afi()) + " " + HEX.formatHex(tag.memory()));
  }

  @Override
  public synchronized void remove(Uid uid) {
    send("remove " + uid);
  }

  private void send(String line) {
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the reader simulator is gone", e);
    }
  }

  /** Closes its input: it unplugs its pty and ends. */
  @Override
  public void close() throws InterruptedException {
    try {
      commands.close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** The simulator's side: {@code ReaderSimulatorProcess <pty folder>}. */
  public static void main(String[] args) throws IOException {
    VirtualField field = new VirtualField();
    PrintStream out = System.out;
    try (PtyReaderSimulator sim = PtyReaderSimulator.start(PtyReaderSimulator.Protocol.FEIG, field, Path.of(args[0]));
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      out.println(READY + sim.devicePath());
      out.flush();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] part = line.split(" ");
        switch (part[0]) {
          case "put" -> field.put(SimulatedTag.withMemory(Uid.parse(part[1]), HEX.parseHex(part[3]),
              HexFormat.fromHexDigits(part[2])));
          case "remove" -> field.remove(Uid.parse(part[1]));
          default -> throw new IllegalArgumentException("reader simulator: unknown command '" + line + "'");
        }
      }
    }
  }
}
