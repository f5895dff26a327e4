package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.local.Certificates;

/** The certificate of {@code ./parley up --tls}: made once in the data directory, kept, and good for localhost. */
class DevCertificateTest {

    @TempDir
    Path dataDir;

    @Test
    void coversTheLoopbackNames() throws Exception {
        DevCertificate certificate = DevCertificate.loadOrCreate(dataDir.resolve("tls"));

        assertThat(certificate.certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    }

    @Test
    void isReusedOnTheNextStart() throws Exception {
        DevCertificate first = DevCertificate.loadOrCreate(dataDir.resolve("tls"));
        byte[] keyStore = Files.readAllBytes(first.keyStore());
        Files.delete(first.pem());

        DevCertificate second = DevCertificate.loadOrCreate(dataDir.resolve("tls"));

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(Files.readAllBytes(second.keyStore())).isEqualTo(keyStore);
        assertThat(readPem(second.pem())).as("the PEM is written again").isEqualTo(first.certificate());
    }

    @Test
    void neverShowsThePassword() {
        DevCertificate certificate = DevCertificate.loadOrCreate(dataDir.resolve("tls"));

        assertThat(certificate.toString()).doesNotContain(certificate.password()).contains(certificate.fingerprint());
    }

    @Test
    void keepsKeyAndPasswordFromOtherUsers() throws Exception {
        DevCertificate certificate = DevCertificate.loadOrCreate(dataDir.resolve("tls"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificate.keyStore()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls/parley.p12.password"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve("tls/parley.p12.password"))).isEqualTo(certificate.password());
        assertThat(certificate.password()).hasSizeGreaterThanOrEqualTo(32);
    }

    /** A real handshake with host name verification, the server on the key store, the client trusting only the PEM. */
    @Test
    void aClientTrustingThePemCompletesAHandshakeForLocalhostAnd127001() throws Exception {
        DevCertificate certificate = DevCertificate.loadOrCreate(dataDir.resolve("tls"));
        SSLContext server = serverContext(certificate);
        SSLContext client = Certificates.trusting(readPem(certificate.pem()));

        for (String host : List.of("localhost", "127.0.0.1")) {
            try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> acceptOne(listening));
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host, listening.getLocalPort())) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
                    assertThat(socket.getInputStream().read()).isEqualTo(1);
                }
                served.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static X509Certificate readPem(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void acceptOne(SSLServerSocket listening) {
        try (SSLSocket accepted = (SSLSocket) listening.accept()) {
            accepted.getOutputStream().write(1);
            accepted.getOutputStream().flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SSLContext serverContext(DevCertificate certificate) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.keyStore())) {
            keyStore.load(in, certificate.password().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, certificate.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
