package fr.navette.launcher.chaos;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A return box in a process of its own, for the chaos run to kill with SIGKILL and start again on the same data
 * folder. Told on stdin what patrons drop ({@code drop UID ITEM ISIL}), what its clock reads ({@code clock
 * OFFSET_MILLIS}), or to stop ({@code quit}); answers on stdout with lines starting {@value #TOLD} (its logs may
 * share the stream).
 *
 * <p>Arguments: site, device id, identity folder (enrolled), broker URI ({@code ssl://}), data folder, clock offset
 * in milliseconds, network ISILs (comma separated).
 */
public final class ChaosBoxMain {
  static final String TOLD = "CHAOS ";

  private ChaosBoxMain() {}

  public static void main(String[] args) throws Exception {
    run(args);
    System.exit(0); // the MQTT client's threads would keep the JVM alive
  }

  private static void run(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "navette-logback.xml");
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    try (BoxCore box = new BoxCore(args[0], args[1], Path.of(args[2]), args[3], Path.of(args[4]),
        Arrays.asList(args[6].split(",")), Duration.ofMillis(Long.parseLong(args[5])));
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.println(TOLD + "ready " + box.lastSequence());
      for (String line; (line = in.readLine()) != null; ) {
        String[] words = line.split(" ");
        switch (words[0]) {
          case "drop" -> {
            BoxCore.Dropped dropped = box.drop(Long.parseUnsignedLong(words[1], 16), words[2], words[3],
                Duration.ofSeconds(15));
            out.println(TOLD + "dropped " + words[2] + " " + dropped.outcome() + " " + dropped.trueAt().toEpochMilli()
                + " " + dropped.lastSequence());
          }
          case "clock" -> {
            box.clockOffset(Duration.ofMillis(Long.parseLong(words[1])));
            out.println(TOLD + "clock");
          }
          case "state" -> out.println(TOLD + "state " + box.lastSequence() + " " + box.outboxDepth() + " "
              + box.hubReachable());
          case "quit" -> {
            out.println(TOLD + "quit " + box.lastSequence());
            return;
          }
          default -> out.println(TOLD + "unknown " + words[0]);
        }
      }
    } finally {
      out.flush();
    }
  }
}
