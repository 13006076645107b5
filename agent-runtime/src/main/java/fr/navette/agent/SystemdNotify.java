package fr.navette.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the service (sd_notify: {@code READY=1}, {@code WATCHDOG=1}, {@code STATUS=…},
 * {@code STOPPING=1}) by running the {@code systemd-notify} tool, only when systemd asked for it ({@code NOTIFY_SOCKET}
 * set); outside systemd nothing happens and nothing is started.
 *
 * <p>Why the tool and not a library. {@code NOTIFY_SOCKET} is a unix <em>datagram</em> socket: Java 21 cannot send
 * one ({@code UnixDomainSocketAddress} is for stream channels only, and the FFM API that could call {@code sendto} is
 * a preview in 21). A library such as junixsocket would bring native code per CPU (the Pi Zero's ARMv6 among them)
 * and JNI into a sandboxed service for a job a tool already does; {@code systemd-notify} is there wherever systemd
 * is, on every Pi. Its cost is one short process every {@code WatchdogSec/3} (20 s with the units' 60 s), a few
 * milliseconds. The old trap of the tool — it exited before systemd had read its message, so systemd could no longer
 * tell which unit the sender belonged to and dropped it even with {@code NotifyAccess=all} — is gone since systemd
 * 246: it then waits for a barrier ({@code BARRIER=1}: systemd has processed everything sent before), which is the
 * default unless {@code --no-block} (Debian 12 has 252; man systemd-notify). The units say {@code NotifyAccess=all}:
 * the sender is the tool's process, not the JVM. {@code --pid} is not used: the JVM is the main process already
 * ({@code exec} in launch.sh), and an unprivileged tool cannot speak under another PID anyway (it falls back to its
 * own, which {@code NotifyAccess=all} accepts).
 */
public final class SystemdNotify {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
  /** The barrier waits 5 s at most in systemd-notify; a tool that takes longer than this is stuck. */
  private static final Duration TOOL_AT_MOST = Duration.ofSeconds(10);

  private final Optional<String> socket;
  private final Optional<Duration> watchdogTimeout;
  private final List<String> tool;
  private volatile boolean failureLogged;

  private SystemdNotify(Optional<String> socket, Optional<Duration> watchdogTimeout, List<String> tool) {
    this.socket = socket;
    this.watchdogTimeout = watchdogTimeout;
    this.tool = List.copyOf(tool);
  }

  /** From this process's environment, with the {@code systemd-notify} on the PATH. */
  public static SystemdNotify fromEnvironment() {
    return of(System.getenv(), List.of("systemd-notify"));
  }

  /** Nothing to tell: not run by systemd. */
  public static SystemdNotify none() {
    return new SystemdNotify(Optional.empty(), Optional.empty(), List.of("systemd-notify"));
  }

  /**
   * From {@code env}'s {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} (the watchdog is ours
   * only when that PID is absent or ours: a child started with the variables inherited must not ping for its parent).
   *
   * @param tool the command that sends (systemd-notify and options before the assignments)
   */
  public static SystemdNotify of(Map<String, String> env, List<String> tool) {
    Optional<String> socket = Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isBlank());
    Optional<Duration> watchdog = Optional.empty();
    String pid = env.get("WATCHDOG_PID");
    String usec = env.get("WATCHDOG_USEC");
    if (socket.isPresent() && usec != null
        && (pid == null || pid.isBlank() || pid.trim().equals(Long.toString(ProcessHandle.current().pid())))) {
      try {
        long micros = Long.parseLong(usec.trim());
        if (micros > 0) {
          watchdog = Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
        }
      } catch (NumberFormatException | ArithmeticException e) {
        LOG.warn("WATCHDOG_USEC='{}' is not a number of microseconds: no watchdog pings", usec);
      }
    }
    return new SystemdNotify(socket, watchdog, tool);
  }

  /** Whether systemd listens ({@code NOTIFY_SOCKET} set): otherwise every send does nothing. */
  public boolean enabled() {
    return socket.isPresent();
  }

  /** systemd's {@code WatchdogSec=}, when it watches this process. */
  public Optional<Duration> watchdogTimeout() {
    return watchdogTimeout;
  }

  /**
   * Sends the assignments (e.g. {@code READY=1}, {@code STATUS=outbox 3 waiting}) as one message and waits for the
   * tool (at most 10 s). Newlines in a value are made spaces: one assignment a line is the protocol.
   *
   * @return whether the tool said it was delivered (false, and nothing done, outside systemd)
   */
  public boolean send(String... assignments) {
    if (socket.isEmpty()) {
      return false;
    }
    List<String> command = new ArrayList<>(tool);
    for (String a : assignments) {
      command.add(a.replace('\n', ' ').replace('\r', ' '));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("NOTIFY_SOCKET", socket.get());
    try {
      Process p = builder.start();
      // waited for before its output is read: a line or two, well within the pipe's buffer
      if (!p.waitFor(TOOL_AT_MOST.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        failed("systemd-notify took more than " + TOOL_AT_MOST.toSeconds() + " s: killed");
        return false;
      }
      String said;
      try (var out = p.getInputStream()) {
        said = new String(out.readNBytes(2000), StandardCharsets.UTF_8).trim();
      }
      if (p.exitValue() != 0) {
        failed("systemd-notify exited with " + p.exitValue() + (said.isEmpty() ? "" : ": " + said));
        return false;
      }
      failureLogged = false;
      return true;
    } catch (IOException e) {
      failed("cannot run " + tool.get(0) + " (the systemd package's tool, needed by Type=notify units): "
          + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Once per run of failures: a failing tool every 20 s must not fill the journal. */
  private void failed(String why) {
    if (!failureLogged) {
      failureLogged = true;
      LOG.warn("cannot notify systemd: {}", why);
    }
  }
}
