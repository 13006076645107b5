package fr.navette.sip2.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens the TCP or TLS socket to the SIGB. */
final class Sockets {
  private Sockets() {}

  static Socket connect(Sip2ClientConfig config, int timeoutMillis) throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.setKeepAlive(true);
      plain.connect(new InetSocketAddress(config.host(), config.port()), timeoutMillis);
      if (config.tls().isEmpty()) {
        return plain;
      }
      return Tls.wrap(plain, config, timeoutMillis);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }
}
