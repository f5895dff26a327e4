package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.Certificates;

/**
 * The TLS profile end to end: the platform serves a certificate issued by a throwaway test CA through
 * Spring Boot's standard {@code server.ssl.*} properties, as a deployment sets them by environment.
 * Clients trusting that CA talk HTTPS and STOMP over WSS; clients that do not fail the handshake; and
 * the port has no plain HTTP to offer.
 */
@PlatformTest
class TlsEndToEndTest {

    private static final Duration WAIT = Waits.ASYNC;
    private static final Certificates.Credential TEST_CA = Certificates.certificateAuthority("Parley test CA", Duration.ofDays(1));
    private static final SSLContext TRUSTS_TEST_CA = Certificates.trusting(TEST_CA.certificate());

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "tls");
        String password = "test-keystore-password";
        Path keyStore = serverKeyStore(password);
        registry.add("server.ssl.key-store", () -> keyStore.toUri().toString());
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.key-store-password", () -> password);
        registry.add("server.ssl.key-alias", () -> "parley");
        registry.add("server.ssl.enabled-protocols", () -> "TLSv1.3,TLSv1.2");
    }

    private static Path serverKeyStore(String password) {
        Certificates.Credential server = Certificates.issue(TEST_CA, "Parley test server", List.of("localhost", "127.0.0.1"),
                Duration.ofDays(1));
        try {
            Path file = Files.createTempDirectory("parley-tls").resolve("server.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                server.keyStore("parley", password.toCharArray()).store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void listenersOwnTheirPartitions() {
        KafkaListeners.awaitAssignment(listeners);
    }

    @Test
    void httpsWithTheTestCaServesTheKeySetWithHsts() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TRUSTS_TEST_CA).build();

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"keys\"");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        SSLSession session = response.sslSession().orElseThrow();
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(((X509Certificate) session.getPeerCertificates()[0]).getIssuerX500Principal())
                .isEqualTo(TEST_CA.certificate().getSubjectX500Principal());
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshake() {
        HttpClient jdkDefaults = HttpClient.newHttpClient();

        assertThatThrownBy(() -> jdkDefaults.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> StompTestClient.connect(wssUrl(), null, SSLContext.getDefault()))
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }

    @Test
    void usersLogInOverHttpsAndChatOverWss() throws Exception {
        ParleyHttp https = new ParleyHttp("https://127.0.0.1:" + port, TRUSTS_TEST_CA);
        TestUser alice = https.registerAndLogin("alice");
        TestUser bob = https.registerAndLogin("bob");

        try (StompTestClient aliceClient = StompTestClient.connect(wssUrl(), alice.accessToken(), TRUSTS_TEST_CA);
                StompTestClient bobClient = StompTestClient.connect(wssUrl(), bob.accessToken(), TRUSTS_TEST_CA)) {
            aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "tls-1",
                    "envelope", Map.of("text", "over wss")));
            JsonNode accepted = aliceClient.nextReply(WAIT);
            assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");

            JsonNode received = bobClient.nextEvent(WAIT, event -> "MessageReceived".equals(event.path("type").asText()));
            assertThat(received).isNotNull();
            assertThat(received.get("messageId").asText()).isEqualTo(accepted.get("messageId").asText());
            assertThat(received.get("envelope").get("text").asText()).isEqualTo("over wss");

            JsonNode delivered = aliceClient.nextEvent(WAIT, event -> "ReceiptUpdated".equals(event.path("type").asText())
                    && bob.userId().toString().equals(event.path("userId").asText()));
            assertThat(delivered).as("bob's delivery acknowledgement, sent over wss").isNotNull();
            assertThat(delivered.get("deliveredUpToSeq").asLong()).isEqualTo(received.get("seq").asLong());
        }
    }

    /**
     * There is no plain connector to redirect from: Tomcat recognises plain text on the TLS port,
     * answers a fixed 400 of its own before any Parley code runs, and closes the connection.
     */
    @Test
    void plainHttpToTheTlsPortIsRefusedBeforeReachingParley() throws Exception {
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/jwks.json HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // to the end: the server closed
        }

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("This combination of host and port requires TLS.");
        assertThat(answer).doesNotContain("keys").doesNotContain("Content-Security-Policy");
    }

    private String wssUrl() {
        return "wss://localhost:" + port + "/ws";
    }
}
