package fr.navette.sip2.client;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS over an open TCP socket, with host name verification (a SIGB certificate must name the host
 * we dialled). Stores are PKCS#12 or JKS, whatever {@link KeyStore#getInstance(java.io.File, char[])} detects.
 */
final class Tls {
  private Tls() {}

  static Socket wrap(Socket plain, Sip2ClientConfig config, int timeoutMillis) throws IOException {
    Sip2Tls tls = config.tls().orElseThrow();
    SSLContext context;
    try {
      context = context(tls);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up failed: " + e.getMessage(), e);
    }
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, config.host(), config.port(), true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(params);
    ssl.setSoTimeout(timeoutMillis);
    ssl.startHandshake();
    return ssl;
  }

  private static SSLContext context(Sip2Tls tls) throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (tls.trustStore().isPresent()) {
      tmf.init(load(tls.trustStore().get(), tls.trustStorePassword().orElse("")));
    } else {
      tmf.init((KeyStore) null);
    }
    KeyManagerFactory kmf = null;
    if (tls.keyStore().isPresent()) {
      char[] pw = tls.keyStorePassword().orElse("").toCharArray();
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(tls.keyStore().get(), tls.keyStorePassword().orElse("")), pw);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore load(Path path, String password) throws GeneralSecurityException, IOException {
    if (!Files.isReadable(path)) {
      throw new IOException("cannot read key/trust store " + path);
    }
    return KeyStore.getInstance(path.toFile(), password.toCharArray());
  }
}
