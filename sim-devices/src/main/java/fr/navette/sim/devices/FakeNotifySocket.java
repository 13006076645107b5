package fr.navette.sim.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * systemd's notification socket ({@code NOTIFY_SOCKET}: what a Type=notify service's READY=1, WATCHDOG=1, STATUS=
 * reach), played by a small Perl receiver (a unix datagram socket: Java cannot open one):
 * each message systemd-notify sends is kept, in order. Perl, not socat: socat takes the barrier's file descriptor that
 * systemd-notify passes with {@code BARRIER=1} and keeps it open, so every send waited 5 s and failed; Perl's
 * {@code recv} asks for no descriptors, the kernel closes them, and the barrier passes as with systemd.
 */
public final class FakeNotifySocket implements AutoCloseable {
  private static final String RECEIVER = "use IO::Socket::UNIX; use Socket; $|=1;"
      + " my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $ARGV[0]) or die \"cannot listen on $ARGV[0]: $!\\n\";"
      + " chmod 0666, $ARGV[0];" // a service running as another user (navette) must be able to write to it
      + " print \"LISTENING\\n--\\n\"; while (defined $s->recv(my $m, 65536)) { print \"$m\\n--\\n\"; }";

  private final Path path;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Process perl;

  /** Listens on {@code path} (a unix datagram socket, made by the receiver). */
  public FakeNotifySocket(Path path) throws IOException {
    this.path = path;
    this.perl = new ProcessBuilder("perl", "-e", RECEIVER, path.toString()).redirectErrorStream(true).start();
    Thread.ofPlatform().daemon().name("fake-notify-socket").start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(perl.getInputStream(), StandardCharsets.UTF_8))) {
        StringBuilder message = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("--")) {
            messages.add(message.toString());
            message.setLength(0);
          } else {
            message.append(message.isEmpty() ? "" : "\n").append(line);
          }
        }
      } catch (IOException e) {
        // closed
      }
    });
  }

  /** Whether perl and systemd-notify are on the PATH (tests skip without them). */
  public static boolean available() {
    return onPath("perl") && onPath("systemd-notify");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  public Path path() {
    return path;
  }

  /** Every message received, in order (the first is the receiver's own LISTENING). */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Ready to receive (the socket is writable by every user: a service may run as another). */
  public boolean listening() {
    return messages.contains("LISTENING");
  }

  /** Messages that carry this assignment (e.g. WATCHDOG=1). */
  public long count(String assignment) {
    return messages.stream().filter(m -> m.lines().anyMatch(assignment::equals)).count();
  }

  /** The last STATUS= said. */
  public String lastStatus() {
    String status = "";
    for (String m : messages) {
      for (String line : m.lines().toList()) {
        if (line.startsWith("STATUS=")) {
          status = line.substring("STATUS=".length());
        }
      }
    }
    return status;
  }

  @Override
  public void close() throws InterruptedException {
    perl.destroy();
    perl.waitFor(5, TimeUnit.SECONDS);
  }
}
