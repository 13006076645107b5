package fr.navette.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 broker the hub runs in its own process by default: HiveMQ CE in embedded mode (full MQTT 5,
 * persistent sessions and queued QoS 1 messages on disk, shared subscriptions, and an extension API for
 * authentication and per-client permissions). The scale-out path replaces it with an external broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private final EmbeddedHiveMQ hivemq;
  private final String bindAddress;
  private final int port;
  private final Admission admission;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String bindAddress, int port, Admission admission) {
    this.hivemq = hivemq;
    this.bindAddress = bindAddress;
    this.port = port;
    this.admission = admission;
  }

  /** Who may connect: before {@link #admitEveryone()}, only the clients named at start. */
  private static final class Admission {
    final Set<String> early;
    volatile boolean everyone;

    Admission(Set<String> early, boolean everyone) {
      this.early = Set.copyOf(early);
      this.everyone = everyone;
    }

    boolean admits(String clientId) {
      return everyone || early.contains(clientId);
    }
  }

  /**
   * Starts the broker with its state (sessions, queued messages, retained messages) under {@code dataFolder},
   * open to every client at once.
   *
   * @param port the TCP port, or 0 for a free one
   */
  public static EmbeddedBroker start(Path dataFolder, String bindAddress, int port) {
    return start(dataFolder, bindAddress, port, new Admission(Set.of(), true));
  }

  /**
   * Starts the broker open only to {@code firstClients} (the hub's own sessions) until {@link #admitEveryone()}:
   * a device that connects before the hub's subscriptions exist would publish to nobody, and MQTT drops a
   * message no subscription matches — after the broker's PUBACK, so the device would forget it. Devices turned
   * away meanwhile are told "server unavailable" and try again.
   */
  public static EmbeddedBroker startFor(Path dataFolder, String bindAddress, int port, Set<String> firstClients) {
    return start(dataFolder, bindAddress, port, new Admission(firstClients, false));
  }

  /** Lets every client in (see {@link #startFor}). */
  public void admitEveryone() {
    admission.everyone = true;
    LOG.info("MQTT broker admits devices");
  }

  private static EmbeddedBroker start(Path dataFolder, String bindAddress, int port, Admission admission) {
    int chosen = port == 0 ? freePort(bindAddress) : port;
    requireFree(bindAddress, chosen);
    Path conf = dataFolder.resolve("conf");
    Path data = dataFolder.resolve("data");
    Path extensions = dataFolder.resolve("extensions");
    try {
      // HiveMQ refuses to start when its folders are missing.
      Files.createDirectories(conf);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Files.writeString(conf.resolve("config.xml"), configXml(bindAddress, chosen), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker folder " + dataFolder, e);
    }
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(data)
        .withExtensionsFolder(extensions)
        .withEmbeddedExtension(EmbeddedExtension.builder()
            .withId("navette-auth").withName("Navette authentication").withVersion("1")
            .withPriority(100).withStartPriority(100)
            .withExtensionMain(new AuthExtension(admission)).build())
        .withoutLoggingBootstrap() // keep the application's logback configuration
        .build();
    try {
      hivemq.start().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the MQTT broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the MQTT broker did not start: " + e.getCause().getMessage(), e.getCause());
    }
    LOG.info("MQTT 5 broker (HiveMQ CE embedded) listening on {}:{}", bindAddress, chosen);
    return new EmbeddedBroker(hivemq, bindAddress, chosen, admission);
  }

  public int port() {
    return port;
  }

  /** The URI clients use, e.g. {@code tcp://127.0.0.1:1884}. */
  public String uri() {
    String host = "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
    return "tcp://" + host + ":" + port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get();
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("MQTT broker did not stop cleanly: {}", e.getCause().toString());
    }
  }

  private static String configXml(String bindAddress, int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <!-- HiveMQ keeps 1,000 messages per offline client by default and discards the rest: events
                 devices already got a PUBACK for. A hub away for a while must find them all. -->
            <queued-messages>
              <max-queue-size>10000000</max-queue-size>
            </queued-messages>
          </mqtt>
          <!-- a library network's broker phones nobody -->
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, bindAddress);
  }

  private static int freePort(String bindAddress) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(bindAddress, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + bindAddress, e);
    }
  }

  // HiveMQ logs a failed bind and carries on without a listener; say it plainly instead.
  private static void requireFree(String bindAddress, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(bindAddress, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "MQTT port " + port + " on " + bindAddress + " is already in use: choose another with --mqtt-port", e);
    }
  }

  /**
   * Lets clients in. Device identities and per-device topic permissions come with provisioning; until then
   * the broker listens on the hub's own network only.
   */
  private static final class AuthExtension implements ExtensionMain {
    private final Admission admission;

    AuthExtension(Admission admission) {
      this.admission = admission;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
      Services.securityRegistry().setAuthenticatorProvider(
          providerInput -> (SimpleAuthenticator) (authInput, authOutput) -> {
            if (admission.admits(authInput.getConnectPacket().getClientId())) {
              authOutput.authenticateSuccessfully();
            } else {
              authOutput.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE,
                  "the hub is starting: try again in a moment");
            }
          });
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
  }
}
