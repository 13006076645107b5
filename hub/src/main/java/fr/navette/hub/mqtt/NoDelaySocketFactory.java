package fr.navette.hub.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, for the hub's MQTT session. The hub acknowledges a stored batch
 * with one small PUBACK per message; with Nagle on, the kernel holds them back until the broker's TCP ACK, which
 * the broker delays (up to 40 ms on Linux) once its in-flight window to the hub is spent and it has nothing to
 * send. HiveMQ sends at most 50 messages in flight, so the hub received about 50 messages per 40-odd ms —
 * ~1,000 events/s whatever the hub could store (bench/README.md, hub load).
 */
public final class NoDelaySocketFactory extends SocketFactory {
  @Override
  public Socket createSocket() throws IOException {
    return noDelay(new Socket()); // what Paho calls: it connects the socket itself, with its timeout
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
