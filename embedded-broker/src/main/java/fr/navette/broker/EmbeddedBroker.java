package fr.navette.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.puback.ModifiablePubackPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 broker the hub runs in its own process by default: HiveMQ CE in embedded mode (full MQTT 5,
 * persistent sessions and queued QoS 1 messages on disk, shared subscriptions, and an extension API for
 * authentication and per-client permissions). The scale-out path replaces it with an external broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** How long HiveMQ may take to start (a few seconds at rest, half a minute on a loaded machine). */
  private static final Duration START_WITHIN = Duration.ofMinutes(3);
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private final EmbeddedHiveMQ hivemq;
  private final Listeners listeners;
  private final Admission admission;
  private final Takers takers;
  private final Grants grants;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, Listeners listeners, Admission admission, Takers takers,
                         Grants grants) {
    this.hivemq = hivemq;
    this.listeners = listeners;
    this.admission = admission;
    this.takers = takers;
    this.grants = grants;
  }

  /**
   * Where the broker listens: an MQTTS listener that requires a client certificate, and a plain one only when asked
   * for by name ({@code --insecure-mqtt}).
   *
   * @param tlsPort the MQTTS port, 0 for a free one, {@link #NONE} for no TLS listener (an open test broker)
   * @param plainPort the plain MQTT port, 0 for a free one, {@link #NONE} for none
   */
  public record Listeners(String bindAddress, int tlsPort, int plainPort) {
    public static final int NONE = -1;

    public Listeners {
      if (tlsPort == NONE && plainPort == NONE) {
        throw new IllegalArgumentException("a broker needs at least one listener");
      }
    }
  }

  /**
   * The broker's TLS identity and whom it trusts for client certificates: PKCS#12 files (HiveMQ reads stores, not
   * PEM), both under one password. The password is copied and never shown.
   */
  public record ServerTls(Path keystore, char[] password, Path truststore) {
    public ServerTls {
      password = password.clone();
    }

    @Override
    public String toString() {
      return "ServerTls[keystore=" + keystore + ", truststore=" + truststore + "]";
    }
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
     *
     * @param userProperty the first value of an MQTT 5 user property of the PUBLISH, by name (e.g. a device's
     *                     {@code sent-at}); empty when the sender set none of that name
     */
    void take(String topic, byte[] payload, Function<String, Optional<String>> userProperty, Settlement settlement);
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
   * Starts an open broker — plain MQTT, anyone may connect and do anything — with its state (sessions, queued
   * messages, retained messages) under {@code dataFolder}. For agents' own tests and benches, never the hub's default.
   *
   * @param port the TCP port, or 0 for a free one
   */
  public static EmbeddedBroker startOpen(Path dataFolder, String bindAddress, int port) {
    return start(dataFolder, new Listeners(bindAddress, Listeners.NONE, port), null, Gatekeeper.open(),
        new Admission(Set.of(), true));
  }

  /**
   * Starts the broker with these listeners, letting in only what {@code gatekeeper} admits, and only
   * {@code firstClients} (the hub's own sessions) until {@link #admitEveryone()}: a device that connects before the
   * hub's subscriptions exist would publish to nobody, and MQTT drops a message no subscription matches — after the
   * broker's PUBACK, so the device would forget it. Devices turned away meanwhile are told "server unavailable" and
   * try again.
   *
   * @param tls required when {@code listeners} has a TLS port
   */
  public static EmbeddedBroker start(Path dataFolder, Listeners listeners, ServerTls tls, Gatekeeper gatekeeper,
                                     Set<String> firstClients) {
    if (listeners.tlsPort() != Listeners.NONE && tls == null) {
      throw new IllegalArgumentException("an MQTTS listener needs the broker's TLS identity");
    }
    return start(dataFolder, listeners, tls, gatekeeper, new Admission(firstClients, firstClients.isEmpty()));
  }

  /** Lets every client in (see {@link #start(Path, Listeners, ServerTls, Gatekeeper, Set)}). */
  public void admitEveryone() {
    admission.everyone = true;
    LOG.info("MQTT broker admits devices");
  }

  /**
   * Closes every connection whose grant belongs to {@code identity} (a revoked device), at once; the gatekeeper
   * refuses its reconnects. Returns how many were closed.
   */
  public int cutOff(String identity) {
    int closed = 0;
    for (Map.Entry<String, Gatekeeper.Grant> entry : grants.byClient.entrySet()) {
      if (entry.getValue().identity().equals(identity) && grants.byClient.remove(entry.getKey(), entry.getValue())) {
        Services.clientService().disconnectClient(entry.getKey(), false, DisconnectReasonCode.NOT_AUTHORIZED,
            "identity revoked");
        closed++;
      }
    }
    LOG.info("MQTT broker cut off {} ({} connection(s))", identity, closed);
    return closed;
  }

  private static EmbeddedBroker start(Path dataFolder, Listeners asked, ServerTls tls, Gatekeeper gatekeeper,
                                      Admission admission) {
    String bindAddress = asked.bindAddress();
    Listeners listeners = new Listeners(bindAddress, chosenPort(bindAddress, asked.tlsPort()),
        chosenPort(bindAddress, asked.plainPort()));
    Takers takers = new Takers();
    Grants grants = new Grants();
    Path conf = dataFolder.resolve("conf");
    Path data = dataFolder.resolve("data");
    Path extensions = dataFolder.resolve("extensions");
    try {
      // HiveMQ refuses to start when its folders are missing.
      Files.createDirectories(conf);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Path config = conf.resolve("config.xml");
      Files.writeString(config, configXml(listeners, tls), StandardCharsets.UTF_8);
      restrictToOwner(config); // it holds the stores' password
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
            .withExtensionMain(new NavetteExtension(admission, takers, gatekeeper, grants)).build())
        .withoutLoggingBootstrap() // keep the application's logback configuration
        .build();
    try {
      // Bounded: HiveMQ's start waits for ever when one of its Xodus stores fails to open (the exception is lost in
      // its executor, the latch never counted down) — seen when the process had run out of open files (FOOTGUNS).
      hivemq.start().get(START_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the MQTT broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the MQTT broker did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      hivemq.stop(); // not waited for: it may hang as the start did
      throw new IllegalStateException("the MQTT broker did not start within " + START_WITHIN.toSeconds() + " s: one"
          + " of its stores in " + dataFolder + " could not be opened (too many open files? a full disk?)", e);
    }
    LOG.info("MQTT 5 broker (HiveMQ CE embedded) listening on {}:{}", bindAddress, describe(listeners));
    return new EmbeddedBroker(hivemq, listeners, admission, takers, grants);
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

  /** The port of {@link #uri()}. */
  public int port() {
    return listeners.plainPort() != Listeners.NONE ? listeners.plainPort() : listeners.tlsPort();
  }

  /** The MQTTS port, or {@link Listeners#NONE}. */
  public int tlsPort() {
    return listeners.tlsPort();
  }

  /**
   * The URI of the plain listener if there is one (e.g. {@code tcp://127.0.0.1:1884}), else of the MQTTS one in
   * Paho's spelling ({@code ssl://…}).
   */
  public String uri() {
    return listeners.plainPort() != Listeners.NONE ? "tcp://" + host() + ":" + listeners.plainPort() : tlsUri();
  }

  /** The MQTTS listener's URI in Paho's spelling, {@code ssl://host:port}. */
  public String tlsUri() {
    if (listeners.tlsPort() == Listeners.NONE) {
      throw new IllegalStateException("this broker has no MQTTS listener");
    }
    return "ssl://" + host() + ":" + listeners.tlsPort();
  }

  private String host() {
    String bind = listeners.bindAddress();
    return "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
  }

  private static String describe(Listeners listeners) {
    return (listeners.tlsPort() == Listeners.NONE ? "" : listeners.tlsPort() + " (MQTTS, client certificates)")
        + (listeners.tlsPort() != Listeners.NONE && listeners.plainPort() != Listeners.NONE ? " and " : "")
        + (listeners.plainPort() == Listeners.NONE ? "" : listeners.plainPort() + " (plain MQTT)");
  }

  private static int chosenPort(String bindAddress, int port) {
    if (port == Listeners.NONE) {
      return port;
    }
    int chosen = port == 0 ? freePort(bindAddress) : port;
    requireFree(bindAddress, chosen);
    return chosen;
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing finer to set
    }
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

  private static String configXml(Listeners listeners, ServerTls tls) {
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        """);
    if (listeners.tlsPort() != Listeners.NONE) {
      // Mutual TLS: no certificate, no connection; the truststore holds the network CA only.
      xml.append("""
                <tls-tcp-listener>
                  <port>%d</port>
                  <bind-address>%s</bind-address>
                  <tls>
                    <keystore>
                      <path>%s</path>
                      <password>%s</password>
                      <private-key-password>%s</private-key-password>
                    </keystore>
                    <truststore>
                      <path>%s</path>
                      <password>%s</password>
                    </truststore>
                    <client-authentication-mode>REQUIRED</client-authentication-mode>
                    <protocols>
                      <protocol>TLSv1.3</protocol>
                      <protocol>TLSv1.2</protocol>
                    </protocols>
                  </tls>
                </tls-tcp-listener>
          """.formatted(listeners.tlsPort(), xmlText(listeners.bindAddress()), xmlText(tls.keystore().toString()),
          xmlText(new String(tls.password)), xmlText(new String(tls.password)), xmlText(tls.truststore().toString()),
          xmlText(new String(tls.password))));
    }
    if (listeners.plainPort() != Listeners.NONE) {
      xml.append("""
                <tcp-listener>
                  <port>%d</port>
                  <bind-address>%s</bind-address>
                </tcp-listener>
          """.formatted(listeners.plainPort(), xmlText(listeners.bindAddress())));
    }
    return xml.append("""
          </listeners>
        """).append(SETTINGS_XML).toString();
  }

  private static String xmlText(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String SETTINGS_XML = """
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
        """;

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

  /** The grant of each connected client, by client id, as the gatekeeper gave it at CONNECT. */
  private static final class Grants {
    final ConcurrentMap<String, Gatekeeper.Grant> byClient = new ConcurrentHashMap<>();
  }

  /**
   * Lets clients in as the gatekeeper says, checks each PUBLISH and SUBSCRIBE against the client's grant, and hands
   * the PUBLISHes the taker wants to it. Authorisation runs before the interceptor: a refused PUBLISH is never taken.
   */
  private static final class NavetteExtension implements ExtensionMain {
    private final Admission admission;
    private final Takers takers;
    private final Gatekeeper gatekeeper;
    private final Grants grants;

    NavetteExtension(Admission admission, Takers takers, Gatekeeper gatekeeper, Grants grants) {
      this.admission = admission;
      this.takers = takers;
      this.gatekeeper = gatekeeper;
      this.grants = grants;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
      Services.securityRegistry().setAuthenticatorProvider(
          providerInput -> (SimpleAuthenticator) (authInput, authOutput) -> {
            String clientId = authInput.getClientInformation().getClientId();
            if (!admission.admits(clientId)) {
              authOutput.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE,
                  "the hub is starting: try again in a moment");
              return;
            }
            Optional<X509Certificate> certificate = authInput.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
            Gatekeeper.Decision decision;
            try {
              decision = gatekeeper.admit(clientId, certificate);
            } catch (RuntimeException e) {
              LOG.warn("MQTT client {} refused: the gatekeeper failed: {}", clientId, e.toString());
              decision = new Gatekeeper.TurnedAway("the hub could not check this identity now: try again later");
            }
            if (decision instanceof Gatekeeper.Admitted admitted) {
              grants.byClient.put(clientId, admitted.grant());
              authOutput.authenticateSuccessfully();
            } else {
              String reason = ((Gatekeeper.TurnedAway) decision).reason();
              refused(new Gatekeeper.Refusal(Gatekeeper.Action.CONNECT, clientId, clientId, "", reason));
              authOutput.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
            }
          });
      Services.securityRegistry().setAuthorizerProvider(providerInput -> new Authorisation());
      Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) -> {
        // Per connection: the packet ids of the PUBLISHes the taker kept and whose PUBACK has not gone yet.
        Set<Integer> kept = ConcurrentHashMap.newKeySet();
        clientContext.addPublishInboundInterceptor((publishInput, publishOutput) -> {
          PublishPacket packet = publishInput.getPublishPacket();
          // HiveMQ runs inbound interceptors BEFORE the publish authorizer: without this check a forbidden message
          // would be taken (stored by the hub) and only then refused (see FOOTGUNS).
          String clientId = publishInput.getClientInformation().getClientId();
          Gatekeeper.Grant grant = grants.byClient.get(clientId);
          if (grant == null || !grant.mayPublish(packet.getTopic())) {
            String reason = "not allowed to publish on " + packet.getTopic();
            refused(new Gatekeeper.Refusal(Gatekeeper.Action.PUBLISH, clientId, Authorisation.who(grant, clientId),
                packet.getTopic(), reason));
            publishOutput.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, reason);
            return;
          }
          PublishTaker taker = takers.current;
          if (taker != null && taker.wants(packet.getTopic())) {
            handOver(taker, packet, publishOutput, kept);
          }
        });
        // A kept message is still delivered as usual; with nobody subscribed HiveMQ then answers 0x10 "no matching
        // subscribers", which a device must read as "nobody received it, send it again" (on Mosquitto it is dropped).
        // The hub did receive it: say 0x00. Success to success is a change HiveMQ allows.
        clientContext.addPubackOutboundInterceptor((pubackInput, pubackOutput) -> {
          ModifiablePubackPacket puback = pubackOutput.getPubackPacket();
          if (kept.remove(puback.getPacketIdentifier())
              && puback.getReasonCode() == AckReasonCode.NO_MATCHING_SUBSCRIBERS) {
            puback.setReasonCode(AckReasonCode.SUCCESS);
          }
        });
      });
    }

    private void refused(Gatekeeper.Refusal refusal) {
      try {
        gatekeeper.refused(refusal);
      } catch (RuntimeException e) {
        LOG.warn("counting a refusal failed: {}", e.toString());
      }
    }

    /** Checks PUBLISHes (wills included) and SUBSCRIBEs against the connection's grant. */
    private final class Authorisation implements PublishAuthorizer, SubscriptionAuthorizer {
      @Override
      public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String topic = input.getPublishPacket().getTopic();
        Gatekeeper.Grant grant = grants.byClient.get(clientId);
        if (grant != null && grant.mayPublish(topic)) {
          output.authorizeSuccessfully();
          return;
        }
        // Reached only by wills: other PUBLISHes were checked (and counted) by the interceptor already.
        String reason = "not allowed to publish on " + topic;
        refused(new Gatekeeper.Refusal(Gatekeeper.Action.PUBLISH, clientId, who(grant, clientId), topic, reason));
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, reason);
      }

      @Override
      public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String filter = input.getSubscription().getTopicFilter();
        Gatekeeper.Grant grant = grants.byClient.get(clientId);
        if (grant != null && grant.maySubscribe(filter)) {
          output.authorizeSuccessfully();
          return;
        }
        String reason = "not allowed to subscribe to " + filter;
        refused(new Gatekeeper.Refusal(Gatekeeper.Action.SUBSCRIBE, clientId, who(grant, clientId), filter, reason));
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, reason);
      }

      private static String who(Gatekeeper.Grant grant, String clientId) {
        return grant == null ? clientId : grant.identity();
      }
    }

    private static void handOver(PublishTaker taker, PublishPacket packet, PublishInboundOutput output,
                                 Set<Integer> kept) {
      Async<PublishInboundOutput> async = output.async(SETTLE_WITHIN, TimeoutFallback.FAILURE,
          AckReasonCode.UNSPECIFIED_ERROR, "not stored within " + SETTLE_WITHIN.toSeconds() + " s: send it again");
      AtomicBoolean settled = new AtomicBoolean();
      taker.take(packet.getTopic(), bytes(packet.getPayload().orElse(null)),
          name -> packet.getUserProperties().getFirst(name), new Settlement() {
        @Override
        public void kept() {
          if (settled.compareAndSet(false, true)) {
            if (packet.getQos() == Qos.AT_LEAST_ONCE) { // answered by a PUBACK
              kept.add(packet.getPacketId());
            }
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
