package fr.navette.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.migration.meta.PersistenceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final Takers takers;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String bindAddress, int port, Admission admission, Takers takers) {
    this.hivemq = hivemq;
    this.bindAddress = bindAddress;
    this.port = port;
    this.admission = admission;
    this.takers = takers;
  }

  /**
   * Takes PUBLISHes inside the broker, before the broker acknowledges them: the sender's PUBACK waits until the
   * taker settles the message, so that "acknowledged" can mean "stored" (the hub's ingest). The message then
   * goes on to any subscribers as usual.
   */
  public interface PublishTaker {
    /** Whether this taker wants messages on {@code topic}. Called on a broker thread for every PUBLISH: keep it cheap. */
    boolean wants(String topic);

    /**
     * Takes one message; must not block (it runs on a broker thread). Settle it exactly once, from any thread.
     * A message not settled within {@link #SETTLE_WITHIN} is refused to its sender.
     */
    void take(String topic, byte[] payload, Settlement settlement);
  }

  /** How a taken message ends, for its sender. */
  public interface Settlement {
    /** Kept: the sender gets its PUBACK (success) and may forget the message. */
    void kept();

    /**
     * Not kept: the sender gets a PUBACK with the refusal's error reason code and {@code reason} as its reason
     * string; nothing is delivered to subscribers.
     */
    void refused(Refusal refusal, String reason);
  }

  /**
   * Why a taken message was not kept, as its sender reads it in the PUBACK's reason code (MQTT 5 §3.4.2.1).
   * Two families: send it again later ({@link #BUSY}, {@link #NOT_STORED}), or never again as it is
   * ({@link #TOPIC_INVALID}, {@link #PAYLOAD_INVALID}: the hub has set it aside or cannot serve it).
   */
  public enum Refusal {
    /** The hub has too much waiting: send it again later (0x97 quota exceeded). */
    BUSY(AckReasonCode.QUOTA_EXCEEDED, 0x97),
    /** The hub could not store it now (its store is failing): send it again later (0x80 unspecified error). */
    NOT_STORED(AckReasonCode.UNSPECIFIED_ERROR, 0x80),
    /** Not a topic the hub serves (depth, version, channel): sending it again changes nothing (0x90). */
    TOPIC_INVALID(AckReasonCode.TOPIC_NAME_INVALID, 0x90),
    /** The payload breaks the schema: quarantined at the hub, sending it again changes nothing (0x99). */
    PAYLOAD_INVALID(AckReasonCode.PAYLOAD_FORMAT_INVALID, 0x99);

    private final AckReasonCode code;
    private final int reasonCode;

    Refusal(AckReasonCode code, int reasonCode) {
      this.code = code;
      this.reasonCode = reasonCode; // the SDK's enum does not expose its wire value
    }

    /** The MQTT 5 reason code the sender reads. */
    public int reasonCode() {
      return reasonCode;
    }
  }

  /** How long the broker holds a sender's PUBACK for a taker before refusing the message. */
  public static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);

  /**
   * Hands the PUBLISHes a taker wants to it from now on (see {@link PublishTaker}). One taker at a time: set it
   * before {@link #admitEveryone()}, so that no device message passes by it.
   */
  public void takePublishes(PublishTaker taker) {
    takers.current = taker;
  }

  private static final class Takers {
    volatile PublishTaker current;
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
    return start(dataFolder, bindAddress, port, new Admission(Set.of(), true), new Takers());
  }

  /**
   * Starts the broker open only to {@code firstClients} (the hub's own sessions) until {@link #admitEveryone()}:
   * a device that connects before the hub's subscriptions exist would publish to nobody, and MQTT drops a
   * message no subscription matches — after the broker's PUBACK, so the device would forget it. Devices turned
   * away meanwhile are told "server unavailable" and try again.
   */
  public static EmbeddedBroker startFor(Path dataFolder, String bindAddress, int port, Set<String> firstClients) {
    return start(dataFolder, bindAddress, port, new Admission(firstClients, false), new Takers());
  }

  /** Lets every client in (see {@link #startFor}). */
  public void admitEveryone() {
    admission.everyone = true;
    LOG.info("MQTT broker admits devices");
  }

  private static EmbeddedBroker start(Path dataFolder, String bindAddress, int port, Admission admission,
                                      Takers takers) {
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
    boundDiskUse();
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(data)
        .withExtensionsFolder(extensions)
        .withEmbeddedExtension(EmbeddedExtension.builder()
            .withId("navette-auth").withName("Navette authentication").withVersion("1")
            .withPriority(100).withStartPriority(100)
            .withExtensionMain(new NavetteExtension(admission, takers)).build())
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
    return new EmbeddedBroker(hivemq, bindAddress, chosen, admission, takers);
  }

  /**
   * Keeps the broker's folder to a few megabytes. HiveMQ CE stores payloads and retained messages in RocksDB by
   * default: 64 buckets each, every bucket's write-ahead log preallocated to its memtable size, which HiveMQ takes
   * as a share of the machine's RAM — 1.4 GB on disk for 5 MB of data on a 23 GB machine, left behind whole by a
   * killed process. Xodus (HiveMQ's other file store, which it already uses for sessions and queues) writes only
   * what it stores, and HiveMQ migrates an existing RocksDB folder to it at start. The stores stay on disk: a
   * restarted hub keeps its devices' sessions, their queued commands and replies, and the retained configs.
   * These settings are HiveMQ's static internals: they hold for every broker of the JVM, set before each start.
   */
  private static void boundDiskUse() {
    InternalConfigurations.PAYLOAD_PERSISTENCE_TYPE.set(PersistenceType.FILE);
    InternalConfigurations.RETAINED_MESSAGE_PERSISTENCE_TYPE.set(PersistenceType.FILE);
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
            <!-- HiveMQ takes packets up to 256 MB by default, held whole in memory before any check of ours.
                 The largest message of the schema is a patron-account answer of the hub (4 MiB at most,
                 message-schema Limits); devices' own are refused past 64 KiB at decode. -->
            <packets>
              <max-packet-size>5242880</max-packet-size>
            </packets>
            <!-- HiveMQ keeps 1,000 messages per offline client by default and discards the rest: events
                 devices already got a PUBACK for. A hub away for a while must find them all. -->
            <queued-messages>
              <max-queue-size>10000000</max-queue-size>
            </queued-messages>
          </mqtt>
          <!-- Topics of the tree are under 210 characters (three segments of at most 64) and client ids are
               device ids (64): room to spare, not 64 KiB of each. -->
          <restrictions>
            <max-client-id-length>256</max-client-id-length>
            <max-topic-length>1024</max-topic-length>
          </restrictions>
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
   * Lets clients in, and hands their PUBLISHes to the taker. Device identities and per-device topic permissions
   * come with provisioning; until then the broker listens on the hub's own network only.
   */
  private static final class NavetteExtension implements ExtensionMain {
    private final Admission admission;
    private final Takers takers;

    NavetteExtension(Admission admission, Takers takers) {
      this.admission = admission;
      this.takers = takers;
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
      PublishInboundInterceptor taking = (publishInput, publishOutput) -> {
        PublishTaker taker = takers.current;
        PublishPacket packet = publishInput.getPublishPacket();
        if (taker != null && taker.wants(packet.getTopic())) {
          handOver(taker, packet, publishOutput);
        }
      };
      Services.initializerRegistry().setClientInitializer(
          (initializerInput, clientContext) -> clientContext.addPublishInboundInterceptor(taking));
    }

    private static void handOver(PublishTaker taker, PublishPacket packet, PublishInboundOutput output) {
      Async<PublishInboundOutput> async = output.async(SETTLE_WITHIN, TimeoutFallback.FAILURE,
          AckReasonCode.UNSPECIFIED_ERROR, "not stored within " + SETTLE_WITHIN.toSeconds() + " s: send it again");
      AtomicBoolean settled = new AtomicBoolean();
      taker.take(packet.getTopic(), bytes(packet.getPayload().orElse(null)), new Settlement() {
        @Override
        public void kept() {
          if (settled.compareAndSet(false, true)) {
            async.resume();
          }
        }

        @Override
        public void refused(Refusal refusal, String reason) {
          if (settled.compareAndSet(false, true)) {
            async.getOutput().preventPublishDelivery(refusal.code, reason);
            async.resume();
          }
        }
      });
    }

    private static byte[] bytes(ByteBuffer payload) {
      if (payload == null) {
        return new byte[0];
      }
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      return bytes;
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
  }
}
