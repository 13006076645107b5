package fr.navette.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MqttSession} through Eclipse Paho 1.2.5, with its traps closed (see the interface and the README). */
final class PahoSession implements MqttSession {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSession.class);
  /** How long a publish waits for a free in-flight slot before it is {@link PublishResult.NotSent}. */
  private static final Duration SLOT_WAIT = Duration.ofSeconds(30);
  /** Paho's 32202 after our own window said yes: its slot is freed a moment after the PUBACK; try again this often. */
  private static final int SLOT_RETRIES = 200;

  private final MqttSettings settings;
  private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> firstGrants = new ConcurrentHashMap<>();
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private final SerialExecutor inbound;
  private final Semaphore lost = new Semaphore(0);
  private volatile Consumer<InboundMessage> handler = message -> { };
  private volatile Supplier<OutboundMessage> will;
  private volatile Connection current;
  /** A connection {@link #reconnect} is ending: its client's last words are not a loss to report. */
  private volatile Connection retiring;
  private volatile Thread keeper;
  private volatile boolean running;
  private boolean closed;
  private volatile String lastError = "";

  /** One Paho client and what is in flight on it; a lost connection's client is never used again. */
  private static final class Connection {
    final MqttAsyncClient client;
    /** No slot until the CONNACK told the broker's receive maximum; a publish meanwhile waits for it. */
    final Semaphore window = new Semaphore(0);
    volatile int windowSize;
    final Set<CompletableFuture<PublishResult>> pending = ConcurrentHashMap.newKeySet();

    Connection(MqttAsyncClient client) {
      this.client = client;
    }
  }

  PahoSession(MqttSettings settings) {
    this.settings = settings;
    this.inbound = new SerialExecutor("mqtt-in-" + settings.clientId());
  }

  @Override
  public void onMessage(Consumer<InboundMessage> handler) {
    this.handler = java.util.Objects.requireNonNull(handler, "handler");
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos) {
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("QoS 0 or 1 only, got " + qos);
    }
    CompletableFuture<Void> granted = firstGrants.computeIfAbsent(filter, f -> new CompletableFuture<>());
    subscriptions.put(filter, qos);
    Connection connection = current;
    if (connection != null && connection.client.isConnected()) {
      subscribeAll(connection, Map.of(filter, qos), false);
    }
    return granted;
  }

  @Override
  public void listen(SessionListener listener) {
    listeners.add(listener);
  }

  @Override
  public void will(Supplier<OutboundMessage> will) {
    this.will = will;
  }

  @Override
  public synchronized void start() {
    if (keeper != null) {
      throw new IllegalStateException("session " + settings.clientId() + " already started");
    }
    running = true;
    keeper = Thread.ofVirtual().name("mqtt-keeper-" + settings.clientId()).start(this::keep);
  }

  @Override
  public boolean isConnected() {
    Connection connection = current;
    return connection != null && connection.client.isConnected();
  }

  @Override
  public String lastError() {
    return lastError;
  }

  @Override
  public int inFlightWindow() {
    Connection connection = current;
    return connection == null || !connection.client.isConnected() ? 0 : connection.windowSize;
  }

  @Override
  public CompletableFuture<PublishResult> publish(OutboundMessage message) {
    Connection connection = current;
    if (connection == null || !connection.client.isConnected()) {
      return CompletableFuture.completedFuture(new PublishResult.NotSent("not connected to " + settings.brokerUri()
          + (lastError.isEmpty() ? "" : " (" + lastError + ")")));
    }
    boolean slot = message.qos() > 0;
    if (slot && !takeSlot(connection)) {
      return CompletableFuture.completedFuture(new PublishResult.NotSent("the broker's receive maximum ("
          + connection.windowSize + " in flight) stayed spent for " + SLOT_WAIT.toSeconds() + " s"));
    }
    MqttMessage paho = new MqttMessage(message.payload(), message.qos(), message.retained(), properties(message));
    CompletableFuture<PublishResult> result = new CompletableFuture<>();
    connection.pending.add(result);
    MqttActionListener settle = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        settled(connection, slot, result, outcome(token, null));
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        settled(connection, slot, result, outcome(token, failure));
      }
    };
    for (int attempt = 1; ; attempt++) {
      try {
        connection.client.publish(message.topic(), paho, null, settle);
        return result;
      } catch (MqttException e) {
        // FOOTGUNS: Paho frees an in-flight slot a moment after the token it held completes, so a window that
        // said yes may still meet 32202 "too many publishes in progress": settle a moment and send again.
        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && attempt < SLOT_RETRIES) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
          continue;
        }
        settled(connection, slot, result, new PublishResult.NotSent("publishing on " + message.topic() + " failed: "
            + e.getMessage()));
        return result;
      }
    }
  }

  /**
   * Completes a caller's future on a virtual thread of its own: whatever the caller chained to it (or a thread
   * waiting on it that then publishes and waits again) never runs on Paho's thread nor on the handler thread.
   */
  private static <T> void completeLater(CompletableFuture<T> future, T value) {
    Thread.ofVirtual().name("mqtt-result").start(() -> future.complete(value));
  }

  private static boolean takeSlot(Connection connection) {
    try {
      return connection.window.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Called on Paho's thread: frees the slot there, completes the caller's future on a thread of its own. */
  private void settled(Connection connection, boolean slot, CompletableFuture<PublishResult> result,
                       PublishResult outcome) {
    if (!connection.pending.remove(result)) {
      return; // already settled (the connection was discarded)
    }
    if (slot) {
      connection.window.release();
    }
    completeLater(result, outcome);
  }

  /**
   * A PUBACK's reason codes, checked: Paho 1.2.5 completes a QoS 1 publish the broker refused (0x80 and above) as
   * if delivered, and sometimes fails it with an exception instead — either way it is a refusal, not a success.
   */
  static PublishResult outcome(IMqttToken token, Throwable failure) {
    int[] codes = token == null ? null : token.getReasonCodes();
    int worst = 0;
    if (codes != null) {
      for (int code : codes) {
        worst = Math.max(worst, code);
      }
    }
    if (worst >= 0x80) {
      MqttProperties response = token.getResponseProperties();
      String reason = response == null || response.getReasonString() == null ? "" : response.getReasonString();
      return new PublishResult.Refused(worst, reason);
    }
    if (failure != null) {
      return new PublishResult.NotSent(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
    return new PublishResult.Accepted(worst);
  }

  private static MqttProperties properties(OutboundMessage message) {
    MqttProperties properties = new MqttProperties();
    message.responseTopic().ifPresent(properties::setResponseTopic);
    if (message.correlationData().length > 0) {
      properties.setCorrelationData(message.correlationData());
    }
    if (!message.userProperties().isEmpty()) {
      properties.setUserProperties(message.userProperties().entrySet().stream()
          .map(p -> new UserProperty(p.getKey(), p.getValue())).toList());
    }
    return properties;
  }

  // One loop owns (re)connection: connect, wait until lost, back off, again. Paho never reconnects on its own.
  private void keep() {
    Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), ThreadLocalRandom.current());
    while (running) {
      Connection connection = current;
      if (connection != null && connection.client.isConnected()) {
        pause(Duration.ofSeconds(1));
        continue;
      }
      if (connection != null) {
        discard(connection, "the connection was lost before the PUBACK");
      }
      try {
        Connection fresh = new Connection(newClient());
        current = fresh;
        IMqttToken token = fresh.client.connect(options(), null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken connected) {
            // The CONNACK's receive maximum (HiveMQ's is 10, Mosquitto's 20): keep one below it (FOOTGUNS: 32202).
            MqttProperties connack = connected.getResponseProperties();
            Integer advertised = connack == null ? null : connack.getReceiveMaximum();
            fresh.windowSize = Math.max(1, (advertised == null ? 65_535 : advertised) - 1);
            fresh.window.release(fresh.windowSize);
          }

          @Override
          public void onFailure(IMqttToken failed, Throwable failure) {}
        });
        token.waitForCompletion(settings.connectTimeout().toMillis());
        if (fresh.client.isConnected()) {
          backoff.reset();
          lastError = "";
          continue;
        }
        lastError = "no CONNACK within " + settings.connectTimeout().toMillis() + " ms";
      } catch (MqttException | IOException e) {
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      if (!running) {
        return;
      }
      Duration wait = backoff.next();
      if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
        LOG.warn("{} cannot reach {} ({} attempt(s)): {}; next in {} ms", settings.clientId(), settings.brokerUri(),
            backoff.failures(), lastError, wait.toMillis());
      }
      pause(wait);
    }
  }

  private void pause(Duration wait) {
    try {
      lost.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
      lost.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /*
   * A fresh Paho client for each connection: Paho 1.2.5 resends its in-flight publishes after a reconnect with
   * the previous connection's topic alias and no topic, and the broker disconnects it at once, forever (Paho
   * issues #527, #1104). A new client has nothing in flight; what was in flight ends NotSent.
   */
  private MqttAsyncClient newClient() {
    MqttAsyncClient client;
    try {
      client = settings.virtualThreads()
          ? new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence(), null,
              VirtualThreadScheduler.SHARED)
          : new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad broker URI or client id: " + settings.brokerUri() + ", "
          + settings.clientId(), e);
    }
    client.setManualAcks(settings.manualAcks());
    client.setCallback(new Callback(client));
    return client;
  }

  private MqttConnectionOptions options() throws IOException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(settings.cleanStart());
    if (!settings.cleanStart()) {
      options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    }
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
    if (settings.receiveMaximum() > 0) {
      options.setReceiveMaximum(settings.receiveMaximum());
    }
    Supplier<OutboundMessage> willNow = will;
    if (willNow != null) {
      OutboundMessage last = willNow.get();
      options.setWill(last.topic(), new MqttMessage(last.payload(), last.qos(), last.retained(), null));
    }
    if (settings.brokerUri().startsWith("ssl://")) {
      options.setSocketFactory(settings.tls().orElseGet(TlsSettings::jdkTrust).socketFactory());
    } else {
      options.setSocketFactory(new NoDelaySocketFactory());
    }
    return options;
  }

  private void subscribeAll(Connection connection, Map<String, Integer> wanted, boolean announce) {
    if (wanted.isEmpty()) {
      if (announce) {
        inbound.execute(() -> listeners.forEach(SessionListener::subscribed));
      }
      return;
    }
    List<String> filters = List.copyOf(wanted.keySet());
    MqttSubscription[] batch = filters.stream().map(f -> new MqttSubscription(f, wanted.get(f)))
        .toArray(MqttSubscription[]::new);
    MqttActionListener granted = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        boolean all = true;
        for (int i = 0; i < filters.size(); i++) {
          int code = codes != null && i < codes.length ? codes[i] : 0;
          CompletableFuture<Void> first = firstGrants.get(filters.get(i));
          if (code >= 0x80) {
            all = false;
            LOG.error("{}: the broker refused the subscription {} (reason code 0x{})", settings.clientId(),
                filters.get(i), Integer.toHexString(code));
            refuse(first, filters.get(i), "reason code 0x" + Integer.toHexString(code));
          } else if (first != null) {
            completeLater(first, null);
          }
        }
        if (all && announce) {
          inbound.execute(() -> listeners.forEach(SessionListener::subscribed));
        }
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        LOG.error("{}: subscribing to {} failed: {}", settings.clientId(), filters, failure.toString());
        for (String filter : filters) {
          refuse(firstGrants.get(filter), filter, failure.toString());
        }
      }
    };
    try {
      // Never wait here: this may be Paho's callback thread (FOOTGUNS: waiting for a SUBACK in connectComplete
      // lost messages). The SUBACK is handled when it comes.
      connection.client.subscribe(batch, null, granted, new MqttProperties());
    } catch (MqttException e) {
      LOG.warn("{}: cannot subscribe to {}: {}", settings.clientId(), filters, e.toString());
    }
  }

  private void refuse(CompletableFuture<Void> first, String filter, String why) {
    if (first != null) {
      Thread.ofVirtual().start(() -> first.completeExceptionally(
          new IllegalStateException("the broker refused the subscription " + filter + ": " + why)));
    }
  }

  /** Closes a used client; what it had in flight ends NotSent, and publishes waiting for one of its slots go on. */
  private void discard(Connection connection, String why) {
    connection.window.release(Integer.MAX_VALUE / 2);
    try {
      connection.client.disconnectForcibly(0, 0, false);
    } catch (MqttException | RuntimeException e) {
      // already gone (Paho throws a NullPointerException for a client that never connected)
    }
    try {
      connection.client.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("closing a used MQTT client: {}", e.toString());
    }
    for (CompletableFuture<PublishResult> result : List.copyOf(connection.pending)) {
      if (connection.pending.remove(result)) {
        completeLater(result, new PublishResult.NotSent(why));
      }
    }
  }

  @Override
  public void reconnect(String why) {
    Connection connection = current;
    if (running && connection != null && connection.client.isConnected()) {
      LOG.info("{} reconnects to {}: {}", settings.clientId(), settings.brokerUri(), why);
      retiring = connection;
      try {
        connection.client.disconnect().waitForCompletion(5_000);
      } catch (MqttException e) {
        LOG.debug("{}: disconnecting to reconnect: {}", settings.clientId(), e.toString());
      }
      inbound.execute(() -> listeners.forEach(l -> l.lost("reconnecting: " + why)));
    }
    lost.release(); // the loop sees no connection and makes a fresh one now, reading the TLS files again
  }

  private void stopReconnecting() {
    running = false;
    Thread loop = keeper;
    if (loop != null) {
      loop.interrupt();
      try {
        loop.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void closeAfter(OutboundMessage farewell, Duration timeout) {
    stopReconnecting();
    if (isConnected()) {
      PublishResult result = publishAndWait(farewell, timeout);
      if (!result.accepted()) {
        LOG.debug("{}: farewell on {} {}", settings.clientId(), farewell.topic(), result.describe());
      }
    }
    disconnect();
  }

  @Override
  public void close() {
    stopReconnecting();
    disconnect();
  }

  private synchronized void disconnect() {
    if (closed) {
      return;
    }
    closed = true;
    Connection connection = current;
    if (connection != null) {
      try {
        if (connection.client.isConnected()) {
          connection.client.disconnect().waitForCompletion(5_000);
        }
      } catch (MqttException e) {
        LOG.debug("{}: disconnecting: {}", settings.clientId(), e.toString());
      }
      discard(connection, "the session was closed before the PUBACK");
    }
    for (Map.Entry<String, CompletableFuture<Void>> first : firstGrants.entrySet()) {
      first.getValue().completeExceptionally(new IllegalStateException("session closed before the broker granted "
          + first.getKey()));
    }
    inbound.close();
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;
    private final AtomicInteger connects = new AtomicInteger();

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      Connection connection = current;
      if (connection == null || connection.client != owner || connects.getAndIncrement() > 0) {
        return;
      }
      LOG.info("{} connected to {}", settings.clientId(), serverURI);
      inbound.execute(() -> listeners.forEach(SessionListener::connected));
      subscribeAll(connection, Map.copyOf(subscriptions), true);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      MqttProperties p = message.getProperties();
      Optional<String> responseTopic = Optional.ofNullable(p == null ? null : p.getResponseTopic());
      byte[] correlation = p == null || p.getCorrelationData() == null ? new byte[0] : p.getCorrelationData();
      Map<String, String> userProperties = new LinkedHashMap<>();
      if (p != null && p.getUserProperties() != null) {
        p.getUserProperties().forEach(u -> userProperties.putIfAbsent(u.getKey(), u.getValue()));
      }
      int id = message.getId();
      int qos = message.getQos();
      Runnable ack = settings.manualAcks() ? () -> acknowledge(owner, id, qos) : () -> { };
      InboundMessage in = new InboundMessage(topic, message.getPayload(), qos, message.isRetained(), responseTopic,
          correlation, userProperties, ack);
      Consumer<InboundMessage> target = handler;
      inbound.execute(() -> target.accept(in));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      Connection connection = current;
      if (connection == null || connection.client != owner || connection == retiring) {
        return; // a discarded client's last words, or one reconnect() is ending
      }
      String reason = response.getReasonString() != null ? response.getReasonString()
          : response.getException() != null ? response.getException().toString()
          : "reason code 0x" + Integer.toHexString(response.getReturnCode());
      lastError = "disconnected: " + reason;
      LOG.warn("{} lost {}: {}", settings.clientId(), settings.brokerUri(), reason);
      inbound.execute(() -> listeners.forEach(l -> l.lost(reason)));
      lost.release();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("{} MQTT error: {}", settings.clientId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private static void acknowledge(MqttAsyncClient client, int id, int qos) {
    try {
      client.messageArrivedComplete(id, qos);
    } catch (MqttException | RuntimeException e) {
      // The connection dropped meanwhile: the broker redelivers; the receiver's ids absorb the duplicate.
      LOG.debug("PUBACK for message {} not sent: {}", id, e.toString());
    }
  }
}
