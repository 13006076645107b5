package fr.navette.bench.hub;

import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.UuidV7;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import javax.net.SocketFactory;

/**
 * N gates, each its own MQTT 5 connection, publishing people counts at QoS 1 as fast as the broker acknowledges
 * them — with the least CPU a device can cost: a plain (or TLS) socket per device, one virtual thread writing its
 * PUBLISHes and one reading its PUBACKs, packets built by hand (CONNECT, PUBLISH QoS 1, PUBACK, DISCONNECT of
 * MQTT 5, nothing else).
 *
 * <p>Why not Paho here: on a real network the devices' own work runs on the devices; in this driver it runs on
 * the same two cores as the broker and the hub. With 1,000 Paho clients (four threads, a token table and a
 * callback hop per message each) the devices took 57 % of the CPU samples of a hub run (JFR), and the hub was
 * measured against what was left. Each device still encodes every event with the real {@link EventCodec}, and
 * keeps at most {@code window} publishes un-acknowledged (the broker's receive maximum).
 */
final class LeanFleet extends Fleet {
  private final List<Device> devices = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @Override
  int connect(String brokerUri, int count, int sites, int requestedWindow, Enrolled identities) throws IOException {
    URI uri = URI.create(brokerUri);
    int serverReceiveMaximum = 65_535;
    for (int i = 0; i < count; i++) {
      Device device = new Device(site(i, sites), deviceId(i, sites));
      // TLS: the device's own identity, through the mqtt module's factory (TLS 1.3, Nagle off), as a session's.
      SocketFactory sockets = identities == null ? SocketFactory.getDefault()
          : identities.tls(device.id).socketFactory();
      serverReceiveMaximum = Math.min(serverReceiveMaximum, device.connect(sockets, uri.getHost(), uri.getPort()));
      devices.add(device);
    }
    window = Math.max(1, Math.min(requestedWindow, serverReceiveMaximum));
    for (Device device : devices) {
      device.inFlight = new Semaphore(window);
      device.reading = Thread.ofVirtual().name("acks-" + device.id).start(device::readAcks);
    }
    return serverReceiveMaximum;
  }

  @Override
  long connectedCount() {
    return devices.stream().filter(d -> d.connected).count();
  }

  @Override
  protected List<? extends SimulatedDevice> devices() {
    return devices;
  }

  @Override
  public void close() {
    for (Device device : devices) {
      device.close();
    }
  }

  private final class Device extends SimulatedDevice {
    final String site;
    final String id;
    final UuidV7 ids = new UuidV7(clock);
    final byte[] topic;
    Socket socket;
    OutputStream out;
    DataInputStream in;
    Thread reading;
    volatile boolean connected;
    long sequence;
    int packetId;

    Device(String site, String id) {
      this.site = site;
      this.id = id;
      this.topic = ("navette/v1/" + site + "/" + id + "/count").getBytes(StandardCharsets.UTF_8);
    }

    /** CONNECT (MQTT 5, clean start, keep alive 60 s), then the CONNACK; returns the broker's receive maximum. */
    int connect(SocketFactory sockets, String host, int port) throws IOException {
      socket = sockets.createSocket(host, port);
      socket.setTcpNoDelay(true); // writes are coalesced by hand below
      out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0}); // name, level 5, clean start, 60 s, no properties
      writeString(body, id.getBytes(StandardCharsets.UTF_8));
      writePacket(0x10, body.toByteArray());
      out.flush();
      int type = in.readUnsignedByte();
      byte[] connack = in.readNBytes(readVarInt(in));
      if (type != 0x20 || connack.length < 2) {
        throw new IOException(id + ": expected a CONNACK, got packet type 0x" + Integer.toHexString(type));
      }
      if ((connack[1] & 0xFF) >= 0x80) {
        throw new IOException(id + ": broker refused the connection, reason code 0x" + Integer.toHexString(connack[1] & 0xFF));
      }
      connected = true;
      return receiveMaximum(connack);
    }

    @Override
    void publish(int events, long interval, long first) throws InterruptedException, IOException {
      long next = first;
      for (int i = 0; i < events; i++) {
        next = pace(next, interval);
        if (!inFlight.tryAcquire()) {
          out.flush(); // nothing more may go before an acknowledgement: send what is written
          inFlight.acquire();
        }
        Instant now = clock.instant();
        byte[] payload = EventCodec.encode(new CountEvent(new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), id,
            ++sequence, now), now.minusSeconds(60), now, 3, 2, 1));
        packetId = packetId % 65_535 + 1;
        int length = 2 + topic.length + 2 + 1 + payload.length;
        out.write(0x32); // PUBLISH, QoS 1
        writeVarInt(out, length);
        out.write(topic.length >> 8);
        out.write(topic.length);
        out.write(topic);
        out.write(packetId >> 8);
        out.write(packetId);
        out.write(0); // no properties
        out.write(payload);
        if (interval > 0) {
          out.flush(); // paced: each event goes when due
        }
      }
      out.flush();
    }

    /** Reads PUBACKs until the connection ends; a reason code of 0x80 or above is a refusal. */
    void readAcks() {
      try {
        while (true) {
          int type = in.readUnsignedByte();
          byte[] body = in.readNBytes(readVarInt(in));
          if ((type & 0xF0) == 0x40) {
            if (body.length > 2 && (body[2] & 0xFF) >= 0x80) {
              failed.incrementAndGet();
            } else {
              acknowledged.incrementAndGet();
            }
            inFlight.release();
          } else if ((type & 0xF0) == 0xE0) {
            System.out.println("device " + id + " disconnected by the broker, reason 0x"
                + (body.length > 0 ? Integer.toHexString(body[0] & 0xFF) : "0"));
            break;
          }
        }
      } catch (EOFException e) {
        // closed
      } catch (IOException e) {
        if (connected) {
          System.out.println("device " + id + ": " + e);
        }
      }
      connected = false;
    }

    void close() {
      try {
        if (connected) {
          connected = false;
          out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT, normal (publishing is over by now)
          out.flush();
        }
        socket.close();
      } catch (IOException | RuntimeException e) {
        // closing at the end of a run: nothing to keep
      }
    }

    private void writePacket(int firstByte, byte[] body) throws IOException {
      out.write(firstByte);
      writeVarInt(out, body.length);
      out.write(body);
    }
  }

  private static void writeString(OutputStream out, byte[] utf8) throws IOException {
    out.write(utf8.length >> 8);
    out.write(utf8.length);
    out.write(utf8);
  }

  private static void writeVarInt(OutputStream out, int value) throws IOException {
    do {
      int digit = value % 128;
      value /= 128;
      out.write(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }

  /** MQTT's variable byte integer (a remaining length), as read off a socket; also IdleFleet's. */
  static int readVarInt(InputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 28; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed remaining length");
  }

  /** The Receive Maximum property (0x21) of a CONNACK body, or 65,535 when absent (MQTT 5, 3.2.2.3.3). */
  static int receiveMaximum(byte[] connack) {
    int at = 2;
    int length = 0;
    int shift = 0;
    int b;
    do {
      b = connack[at++] & 0xFF;
      length |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    int end = at + length;
    while (at < end) {
      int property = connack[at++] & 0xFF;
      switch (property) {
        case 0x21 -> {
          return ((connack[at] & 0xFF) << 8) | (connack[at + 1] & 0xFF);
        }
        case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> at += 1;
        case 0x13, 0x22, 0x23 -> at += 2;
        case 0x02, 0x11, 0x18, 0x27 -> at += 4;
        case 0x0B -> {
          while ((connack[at++] & 0x80) != 0) {
            // a variable byte integer
          }
        }
        case 0x26 -> { // a user property: two strings
          int valueAt = at + 2 + u16(connack, at);
          at = valueAt + 2 + u16(connack, valueAt);
        }
        default -> at += 2 + u16(connack, at); // a string or binary data: two length bytes, then the bytes
      }
    }
    return 65_535;
  }

  private static int u16(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }
}
