package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.CommandAck;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands addressed to this device and acknowledges each on {@code command-ack}: {@code done},
 * {@code refused} (with the handler's reason), {@code unknown-command}, or {@code expired} (past its
 * {@code expiresAt}: not run). QoS 1 may deliver a command twice: the last 256 command ids are remembered and a
 * repeat is acknowledged again with the first outcome, never run twice.
 */
public final class CommandAgent {
  private static final Logger LOG = LoggerFactory.getLogger(CommandAgent.class);
  private static final int REMEMBERED = 256;

  /** What a command does on this device; throwing {@link CommandRefusedException} refuses it with a reason. */
  public interface Handler {
    Optional<String> run(Command command) throws CommandRefusedException;
  }

  /** A command the device will not run; the message is sent back. */
  public static final class CommandRefusedException extends Exception {
    public CommandRefusedException(String reason) {
      super(reason);
    }
  }

  private final DeviceSession session;
  private final Clock clock;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<UUID, CommandAck> done = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, CommandAck> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** Build it before {@link DeviceSession#connect()}. */
  public CommandAgent(DeviceSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    session.onMessage(Channel.COMMAND, message -> handle(message.payload()));
  }

  public CommandAgent register(String name, Handler handler) {
    handlers.put(name, handler);
    return this;
  }

  /** Runs (or not) one command payload and returns the acknowledgement it published (or tried to). */
  synchronized Optional<CommandAck> handle(byte[] payload) {
    Command command;
    try {
      command = MessageCodec.decodeCommand(payload);
    } catch (SchemaException e) {
      LOG.warn("device {}: unreadable command, not acknowledged: {}", session.deviceId(), e.getMessage());
      return Optional.empty();
    }
    CommandAck ack = done.get(command.commandId());
    if (ack == null) {
      ack = run(command);
      done.put(command.commandId(), ack);
    }
    try {
      session.publishLive(Channel.COMMAND_ACK, MessageCodec.encode(ack), 1);
    } catch (SessionException e) {
      LOG.info("device {}: command ack not sent: {}", session.deviceId(), e.getMessage());
    }
    return Optional.of(ack);
  }

  private CommandAck run(Command command) {
    if (!command.deviceId().equals(session.deviceId())) {
      return ack(command, CommandAck.Status.REFUSED, Optional.of("deviceId: addressed to '" + command.deviceId() + "'"));
    }
    if (command.expiresAt().filter(at -> !clock.instant().isBefore(at)).isPresent()) {
      return ack(command, CommandAck.Status.EXPIRED, Optional.of("expired at " + command.expiresAt().get()));
    }
    Handler handler = handlers.get(command.name());
    if (handler == null) {
      return ack(command, CommandAck.Status.UNKNOWN_COMMAND, Optional.of("no command '" + command.name() + "' here"));
    }
    try {
      return ack(command, CommandAck.Status.DONE, handler.run(command));
    } catch (CommandRefusedException e) {
      return ack(command, CommandAck.Status.REFUSED, Optional.of(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("device {}: command {} failed: {}", session.deviceId(), command.name(), e.toString(), e);
      return ack(command, CommandAck.Status.REFUSED, Optional.of("failed: " + e));
    }
  }

  private CommandAck ack(Command command, CommandAck.Status status, Optional<String> message) {
    return new CommandAck(session.deviceId(), command.commandId(), status, message, clock.instant());
  }
}
