package fr.navette.bench.hub;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The quiet part of a large network: devices connected to the broker that publish nothing while measured — they keep
 * their connection alive (PINGREQ at three quarters of the keep-alive) and hold a subscription to their own
 * {@code config}, as an agent does, with a persistent session (7 days) as {@code DeviceSession} asks. Each is a raw
 * MQTT 5 socket read by one virtual thread (CONNECT, SUBSCRIBE, PINGREQ by hand), not a Paho client: 9,900 Paho
 * clients would be ~40,000 threads on the two cores the broker and the hubs are measured on (see {@link LeanFleet}).
 *
 * <p>When the broker goes away each device reconnects as the agents do: jittered exponential backoff, 1 s doubling
 * to 20 s, each wait drawn in [d/2, d].
 */
final class IdleFleet implements AutoCloseable {
  private static final int KEEP_ALIVE_SECONDS = 30;
  private static final int SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;
  private final String host;
  private final int port;
  private final List<Device> devices = new ArrayList<>();
  /** When each device's current connection was made (System.nanoTime), 0 while disconnected. */
  final AtomicLongArray connectedAt;
  final AtomicInteger connects = new AtomicInteger();
  final AtomicInteger losses = new AtomicInteger();
  private final Semaphore firstConnects;
  private volatile boolean closing;

  IdleFleet(String host, int port, List<String[]> sitesAndIds, int parallelFirstConnects) {
    this.host = host;
    this.port = port;
    this.connectedAt = new AtomicLongArray(sitesAndIds.size());
    this.firstConnects = new Semaphore(parallelFirstConnects);
    for (int i = 0; i < sitesAndIds.size(); i++) {
      devices.add(new Device(i, sitesAndIds.get(i)[0], sitesAndIds.get(i)[1]));
    }
  }

  /** Starts every device; they connect (at most {@code parallelFirstConnects} dialling at once) and stay. */
  void start() {
    for (Device device : devices) {
      Thread.ofVirtual().name("idle-" + device.id).start(device::live);
    }
  }

  int size() {
    return devices.size();
  }

  int connected() {
    int n = 0;
    for (int i = 0; i < connectedAt.length(); i++) {
      if (connectedAt.get(i) != 0) {
        n++;
      }
    }
    return n;
  }

  /** How many are connected with a connection made after {@code since}. */
  int connectedSince(long since) {
    int n = 0;
    for (int i = 0; i < connectedAt.length(); i++) {
      if (connectedAt.get(i) > since) {
        n++;
      }
    }
    return n;
  }

  long lastConnectedAt() {
    long last = 0;
    for (int i = 0; i < connectedAt.length(); i++) {
      last = Math.max(last, connectedAt.get(i));
    }
    return last;
  }

  @Override
  public void close() {
    closing = true;
    for (Device device : devices) {
      device.close();
    }
  }

  private final class Device {
    final int index;
    final String site;
    final String id;
    volatile Socket socket;
    boolean everConnected;

    Device(int index, String site, String id) {
      this.index = index;
      this.site = site;
      this.id = id;
    }

    void live() {
      long backoffMillis = 1_000;
      while (!closing) {
        boolean first = !everConnected;
        try {
          if (first) {
            firstConnects.acquire();
          }
          try {
            connect();
          } finally {
            if (first) {
              firstConnects.release();
            }
          }
          everConnected = true;
          backoffMillis = 1_000;
          connectedAt.set(index, System.nanoTime());
          connects.incrementAndGet();
          readUntilLost();
        } catch (InterruptedException e) {
          return;
        } catch (IOException | RuntimeException e) {
          // refused or lost: wait, then dial again
        }
        if (connectedAt.getAndSet(index, 0) != 0) {
          losses.incrementAndGet();
        }
        closeSocket();
        if (closing) {
          return;
        }
        long wait = ThreadLocalRandom.current().nextLong(backoffMillis / 2, backoffMillis + 1);
        try {
          Thread.sleep(wait); // the device's reconnect backoff, not a synchronisation
        } catch (InterruptedException e) {
          return;
        }
        backoffMillis = Math.min(20_000, backoffMillis * 2);
      }
    }

    private void connect() throws IOException {
      Socket s = new Socket();
      socket = s;
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), 10_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 128));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      // protocol name, level 5, flags: clean start OFF (a persistent session, as the agents), keep-alive
      body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x00, 0, KEEP_ALIVE_SECONDS});
      body.write(new byte[] {5, 0x11, (byte) (SESSION_EXPIRY_SECONDS >>> 24), (byte) (SESSION_EXPIRY_SECONDS >>> 16),
          (byte) (SESSION_EXPIRY_SECONDS >>> 8), (byte) SESSION_EXPIRY_SECONDS}); // properties: session expiry
      writeString(body, id.getBytes(StandardCharsets.UTF_8));
      out.write(packet(0x10, body.toByteArray()));
      out.flush();
      int type = in.readUnsignedByte();
      byte[] connack = in.readNBytes(LeanFleet.readVarInt(in));
      if (type != 0x20 || connack.length < 2 || (connack[1] & 0xFF) >= 0x80) {
        throw new IOException(id + ": connection refused");
      }
      boolean sessionPresent = (connack[0] & 0x01) != 0;
      if (!sessionPresent) {
        ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
        subscribe.write(new byte[] {0, 1, 0}); // packet id 1, no properties
        writeString(subscribe, ("navette/v1/" + site + "/" + id + "/config").getBytes(StandardCharsets.UTF_8));
        subscribe.write(1); // QoS 1
        out.write(packet(0x82, subscribe.toByteArray()));
        out.flush();
      }
      this.in = in;
      this.out = out;
    }

    private DataInputStream in;
    private OutputStream out;

    /** Reads what the broker sends (SUBACK, PINGRESP, a config) and pings when quiet, until the connection ends. */
    private void readUntilLost() throws IOException {
      int quiet = (KEEP_ALIVE_SECONDS * 750) - ThreadLocalRandom.current().nextInt(3_000);
      socket.setSoTimeout(quiet);
      while (!closing) {
        int type;
        try {
          type = in.readUnsignedByte();
        } catch (SocketTimeoutException timeToPing) {
          out.write(new byte[] {(byte) 0xC0, 0}); // PINGREQ
          out.flush();
          continue;
        }
        byte[] body = in.readNBytes(LeanFleet.readVarInt(in));
        if ((type & 0xF0) == 0x30 && ((type >> 1) & 0x03) == 1) { // a QoS 1 PUBLISH (a config): acknowledge it
          int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
          out.write(new byte[] {0x40, 2, body[2 + topicLength], body[3 + topicLength]});
          out.flush();
        } else if ((type & 0xF0) == 0xE0) {
          throw new EOFException("disconnected by the broker");
        }
      }
    }

    void close() {
      Socket s = socket;
      if (s != null && connectedAt.get(index) != 0) {
        try {
          s.getOutputStream().write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT, normal
        } catch (IOException | RuntimeException e) {
          // closing at the end of a run: nothing to keep
        }
      }
      closeSocket();
    }

    private void closeSocket() {
      Socket s = socket;
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // nothing to keep
        }
      }
    }
  }

  private static byte[] packet(int firstByte, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
    out.write(firstByte);
    int value = body.length;
    do {
      int digit = value % 128;
      value /= 128;
      out.write(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, byte[] utf8) {
    out.write(utf8.length >> 8);
    out.write(utf8.length);
    out.writeBytes(utf8);
  }

}
