package fr.navette.launcher.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A box in a process of its own ({@link ChaosBoxMain}), which the run kills with SIGKILL and starts again. */
final class ProcessBox implements ChaosBox {
  private static final String GONE = "(gone)";
  private final String site;
  private final String deviceId;
  private final List<String> command;
  private final Path log;
  private volatile Duration offset;
  private Process process;
  private PrintWriter toBox;
  private BlockingQueue<String> told;
  private long lastSequence;

  ProcessBox(String site, String deviceId, Path identityDir, String brokerUri, Path dataDir, List<String> isils,
             Duration offset, Path log) {
    this.site = site;
    this.deviceId = deviceId;
    this.offset = offset;
    this.log = log;
    this.command = ChildJvm.command(ChaosBoxMain.class.getName(), List.of(site, deviceId,
        identityDir.toString(), brokerUri, dataDir.toString(), "OFFSET", String.join(",", isils)));
    start();
  }

  private synchronized void start() {
    List<String> withOffset = command.stream().map(a -> a.equals("OFFSET") ? Long.toString(offset.toMillis()) : a)
        .toList();
    try {
      process = new ProcessBuilder(withOffset).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("chaos: cannot start box " + deviceId, e);
    }
    toBox = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    told = queue;
    Process started = process;
    Thread.ofPlatform().daemon().name("chaos-box-" + deviceId).start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
          StandardCharsets.UTF_8));
           PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
               StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
        out.println("---- box started (pid " + started.pid() + ")");
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith(ChaosBoxMain.TOLD)) {
            queue.add(line.substring(ChaosBoxMain.TOLD.length()));
          } else {
            out.println(line);
          }
        }
      } catch (IOException e) {
        // killed
      } finally {
        queue.add(GONE);
      }
    });
    String ready = next(Duration.ofSeconds(60));
    if (!ready.startsWith("ready")) {
      throw new IllegalStateException("chaos: box " + deviceId + " did not start: " + ready + " (see " + log + ")");
    }
    lastSequence = Long.parseLong(ready.split(" ")[1]);
  }

  private String next(Duration wait) {
    try {
      String line = told.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      return line == null ? GONE : line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GONE;
    }
  }

  @Override
  public String site() {
    return site;
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public synchronized BoxCore.Dropped drop(long uid, String itemId, String ownerIsil) {
    Instant before = Instant.now();
    if (!process.isAlive()) {
      return new BoxCore.Dropped(BoxCore.Outcome.NO_ANSWER, before, lastSequence);
    }
    toBox.println("drop " + Long.toHexString(uid) + " " + itemId + " " + ownerIsil);
    String answer = next(Duration.ofSeconds(30));
    String[] words = answer.split(" ");
    if (!words[0].equals("dropped")) {
      return new BoxCore.Dropped(BoxCore.Outcome.NO_ANSWER, before, lastSequence); // killed meanwhile
    }
    lastSequence = Long.parseLong(words[4]);
    return new BoxCore.Dropped(BoxCore.Outcome.valueOf(words[2]), Instant.ofEpochMilli(Long.parseLong(words[3])),
        lastSequence);
  }

  @Override
  public synchronized void clockOffset(Duration newOffset) {
    offset = newOffset;
    if (process.isAlive()) {
      toBox.println("clock " + newOffset.toMillis());
      next(Duration.ofSeconds(10));
    }
  }

  @Override
  public synchronized long lastSequence() {
    if (process.isAlive()) {
      toBox.println("state");
      String[] words = next(Duration.ofSeconds(10)).split(" ");
      if (words[0].equals("state")) {
        lastSequence = Long.parseLong(words[1]);
      }
    }
    return lastSequence;
  }

  @Override
  public boolean killable() {
    return true;
  }

  /** Not synchronized: the kill lands while a drop may be waiting for its answer, as a real crash would. */
  @Override
  public void kill() {
    Process running = process;
    running.destroyForcibly();
    try {
      running.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void restart() {
    start();
  }

  @Override
  public synchronized void close() {
    if (process.isAlive()) {
      toBox.println("quit");
      String[] words = next(Duration.ofSeconds(30)).split(" ");
      if (words[0].equals("quit")) {
        lastSequence = Long.parseLong(words[1]);
      }
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
