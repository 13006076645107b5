package fr.navette.sip2.client.diagnostics;

import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2LoginException;
import fr.navette.sip2.client.Sip2Session;
import fr.navette.sip2.client.Sip2SessionPool;
import fr.navette.sip2.client.Sip2SessionPool.Retry;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.LoginResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./navette sip2} does, apart from reading its options: log in, send one request,
 * and render the reply as one JSON line. Errors are {@link fr.navette.sip2.client.Sip2Exception}s
 * (connection, timeout, protocol, login) or {@link IllegalArgumentException} for a bad command
 * line; the caller turns them into a message on stderr and a non-zero exit.
 */
public final class Sip2Diagnostics {
  /** The commands, as typed. */
  public static final List<String> COMMANDS = List.of("login", "status", "patron-status", "patron-info", "item-info",
      "checkout", "checkin", "renew", "end-session", "raw");

  private final Sip2ClientConfig config;
  private final Json json;

  /**
   * @param output the charset of the terminal the line goes to; characters it cannot show are
   *     escaped
   */
  public Sip2Diagnostics(Sip2ClientConfig config, Charset output) {
    this.config = config;
    this.json = new Json(output);
  }

  public Sip2Diagnostics(Sip2ClientConfig config) {
    this(config, StandardCharsets.UTF_8);
  }

  /**
   * Runs one command.
   *
   * @param command one of {@link #COMMANDS}
   * @param args its positional arguments (patron, item, raw message)
   * @param pin the patron's PIN, sent as AD where the message has one
   * @param returnDate for checkin; now when empty
   * @return the decoded reply as one JSON line
   */
  public Result run(String command, List<String> args, Optional<String> pin, Optional<Instant> returnDate) {
    if (command.equals("login")) {
      return login();
    }
    Sip2ClientConfig one = Sip2ClientConfig.builder().host(config.host()).port(config.port()).user(config.user())
        .password(config.password()).location(config.location()).institution(config.institution())
        .encoding(config.encoding()).terminator(config.terminator()).errorDetection(config.errorDetection())
        .requestTimeout(config.requestTimeout()).maxSessions(1).keepAliveAfter(Duration.ZERO).zone(config.zone())
        .tls(config.tls()).build();
    try (Sip2SessionPool pool = new Sip2SessionPool(one)) {
      Sip2Message reply = switch (command) {
        case "status" -> pool.status().toMessage();
        case "patron-status" -> pool.patronStatus(arg(args, 0, "PATRON"), pin).toMessage();
        case "patron-info" -> pool.patronInformation(arg(args, 0, "PATRON"), pin, "  Y       ").toMessage();
        case "item-info" -> pool.itemInformation(arg(args, 0, "ITEM")).toMessage();
        case "checkout" -> pool.checkout(arg(args, 0, "PATRON"), arg(args, 1, "ITEM"), pin).toMessage();
        case "checkin" -> pool.checkin(arg(args, 0, "ITEM"), config.location(), returnDate.orElse(Instant.now()))
            .toMessage();
        case "renew" -> pool.renew(arg(args, 0, "PATRON"), arg(args, 1, "ITEM"), pin).toMessage();
        case "end-session" -> pool.endPatronSession(arg(args, 0, "PATRON"), pin).toMessage();
        case "raw" -> pool.send(rawMessage(arg(args, 0, "MESSAGE")), Retry.NEVER);
        default -> throw new IllegalArgumentException(
            "unknown command '" + command + "' (expected one of " + String.join(", ", COMMANDS) + ")");
      };
      return new Result(json.write(ReplyJson.describe(reply)), true);
    }
  }

  /** The JSON line and whether the SIGB said yes (a refused login prints its 94 and exits non-zero). */
  public record Result(String json, boolean accepted) {}

  private Result login() {
    try (Sip2Session s = Sip2Session.open(config, System.nanoTime() + config.requestTimeout().toNanos())) {
      return new Result(json.write(ReplyJson.describe(s.loginResponse().orElseThrow().toMessage())), true);
    } catch (Sip2LoginException e) {
      Map<String, Object> refused = ReplyJson.describe(new LoginResponse(false, List.of()).toMessage());
      return new Result(json.write(refused), false);
    }
  }

  private static String arg(List<String> args, int i, String name) {
    if (args.size() <= i || args.get(i).isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return args.get(i);
  }

  /**
   * A message typed by hand, e.g. {@code 1720260115    101500AOBM|AB3000000042|}; "{now}" stands for
   * the current date in the SIGB's local time. It must be a message we can read: better to say so
   * here than to send garbage to a production SIGB.
   */
  private Sip2Message rawMessage(String text) {
    String filled = text.replace("{now}", Sip2Timestamp.local(Instant.now(), config.zone()).format());
    try {
      Sip2Message m = Sip2Format.defaults().decode(filled.getBytes(StandardCharsets.UTF_8)).message();
      if (m.type() == MessageType.LOGIN) {
        throw new IllegalArgumentException("raw: the session logs in by itself; use the login command");
      }
      return m;
    } catch (Sip2ParseException e) {
      throw new IllegalArgumentException("raw: not a SIP2 message: " + e.getMessage(), e);
    }
  }
}
