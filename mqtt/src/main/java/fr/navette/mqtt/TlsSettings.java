package fr.navette.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the broker ({@code ssl://} URIs): whom to trust — the network's CA, a PEM (or DER) file of one or
 * more certificates as Mosquitto's {@code cafile} takes it, else the JDK's default CAs — and, optionally, the
 * client's own certificate and key: a PKCS#12 store, or the PEM files an enrolled device holds
 * ({@code device.key}, PKCS#8, and {@code device.crt}, as {@code navette enrol} writes them). Server-only TLS is
 * {@link #trusting}; {@link #withClientCertificate} or {@link #withClientPem} adds the client's identity. Passwords
 * are copied, never shown. Every file is read again at each connection attempt: a renewed certificate is presented
 * at the next (re)connect.
 *
 * @param caFile the CA certificate(s) the broker's certificate must chain to; empty: the JDK's CAs
 * @param clientCertificate the client's key and certificate chain in a PKCS#12 store; empty: none
 * @param clientPem the client's key and certificate (chain) as PEM files; empty: none
 */
public record TlsSettings(Optional<Path> caFile, Optional<ClientCertificate> clientCertificate,
                          Optional<PemIdentity> clientPem) {
  public TlsSettings {
    if (clientCertificate.isPresent() && clientPem.isPresent()) {
      throw new IllegalArgumentException("one client identity: a PKCS#12 store or PEM files, not both");
    }
  }

  /** Server-only TLS or a PKCS#12 identity (the form before PEM identities). */
  public TlsSettings(Optional<Path> caFile, Optional<ClientCertificate> clientCertificate) {
    this(caFile, clientCertificate, Optional.empty());
  }

  /**
   * The client's identity as PEM files: {@code key} an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}: EC or
   * RSA), {@code certificate} its certificate, optionally followed by the chain.
   */
  public record PemIdentity(Path key, Path certificate) {}

  /** The client's identity: a PKCS#12 store holding its key and certificate chain, and the store's password. */
  public record ClientCertificate(Path pkcs12, char[] password) {
    public ClientCertificate {
      password = password.clone();
    }

    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ClientCertificate c && pkcs12.equals(c.pkcs12) && Arrays.equals(password, c.password);
    }

    @Override
    public int hashCode() {
      return pkcs12.hashCode();
    }

    @Override
    public String toString() {
      return "ClientCertificate[pkcs12=" + pkcs12 + ", password=<hidden>]";
    }
  }

  /** Server-only TLS: the broker proves itself with a certificate of {@code caFile}'s CA. */
  public static TlsSettings trusting(Path caFile) {
    return new TlsSettings(Optional.of(caFile), Optional.empty());
  }

  /** Server-only TLS against a broker whose certificate a CA of the JDK's default trust store signed. */
  public static TlsSettings jdkTrust() {
    return new TlsSettings(Optional.empty(), Optional.empty());
  }

  /** The same trust, and the client proves itself with the key and certificate in {@code pkcs12}. */
  public TlsSettings withClientCertificate(Path pkcs12, char[] password) {
    return new TlsSettings(caFile, Optional.of(new ClientCertificate(pkcs12, password)), Optional.empty());
  }

  /** The same trust, and the client proves itself with a PEM key and certificate (an enrolled device's files). */
  public TlsSettings withClientPem(Path key, Path certificate) {
    return new TlsSettings(caFile, Optional.empty(), Optional.of(new PemIdentity(key, certificate)));
  }

  /**
   * Builds the socket factory, once per connection attempt; a missing or unreadable file is named. Its sockets
   * have Nagle's algorithm off, as plain ones do ({@link NoDelaySocketFactory}).
   */
  public SSLSocketFactory socketFactory() throws IOException {
    try {
      KeyManagerFactory keys = null;
      if (clientCertificate.isPresent()) {
        char[] password = clientCertificate.get().password();
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pkcs12(clientCertificate.get().pkcs12(), password), password);
      } else if (clientPem.isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(PemKeys.keyStore(clientPem.get().key(), clientPem.get().certificate(), PemKeys.IN_MEMORY),
            PemKeys.IN_MEMORY);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(caFile.isPresent() ? trustStore(caFile.get()) : null);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return new NoDelay(context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS settings unusable (" + this + "): " + e.getMessage(), e);
    }
  }

  private static KeyStore pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new IOException("cannot read the PKCS#12 store " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IOException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("the CA file " + caFile + " holds no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    return store;
  }

  @Override
  public String toString() {
    return "TlsSettings[ca=" + caFile.map(Path::toString).orElse("JDK default") + ", client="
        + clientCertificate.map(c -> c.pkcs12().toString())
            .or(() -> clientPem.map(p -> p.certificate() + " + " + p.key())).orElse("none") + "]";
  }

  /**
   * TLS sockets with Nagle off. It must stay an {@link SSLSocketFactory}: Paho takes any other factory on an
   * {@code ssl://} URI for a configuration error.
   */
  private static final class NoDelay extends SSLSocketFactory {
    private final SSLSocketFactory tls;

    NoDelay(SSLSocketFactory tls) {
      this.tls = tls;
    }

    private static Socket noDelay(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(tls.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return noDelay(tls.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(tls.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(tls.createSocket(address, port, localAddress, localPort));
    }
  }
}
