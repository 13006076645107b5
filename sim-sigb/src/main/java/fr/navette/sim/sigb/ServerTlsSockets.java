package fr.navette.sim.sigb;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A TLS server socket from a key store, for a simulated SIGB behind TLS (or stunnel, as many run). */
final class ServerTlsSockets {
  private ServerTlsSockets() {}

  static ServerSocket create(SigbSimulatorConfig.ServerTls tls) throws IOException {
    try {
      char[] pw = tls.password().toCharArray();
      KeyStore ks = KeyStore.getInstance(tls.keyStore().toFile(), pw);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx.getServerSocketFactory().createServerSocket();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up failed for key store " + tls.keyStore() + ": " + e.getMessage(), e);
    }
  }
}
