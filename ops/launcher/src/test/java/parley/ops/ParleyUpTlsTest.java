package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.local.Certificates;
import parley.local.TestDatabase;
import parley.local.TestRedis;

/**
 * {@code ./parley up --tls} as the launcher runs it (on the test PostgreSQL, Kafka and Redis rather
 * than embedded ones): its own flag does not reach Spring, and the port serves the self-signed
 * certificate kept in the data directory, over TLS 1.3, with the launcher's short HSTS.
 */
class ParleyUpTlsTest {

    @Test
    void servesTheCertificateKeptInTheDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-data");
        LauncherSettings settings = new LauncherSettings(dataDir, 0, 0, 0, 0, true, true, true, true, false);

        try (Platform platform = Platform.start(settings, arguments(TestDatabase.create("up_tls")))) {
            DevCertificate certificate = platform.devCertificate().orElseThrow();
            int port = ((WebServerApplicationContext) platform.context()).getWebServer().getPort();
            HttpClient client = HttpClient.newBuilder().sslContext(Certificates.trusting(certificate.certificate())).build();

            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/.well-known/jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=300; includeSubDomains");
            SSLSession session = response.sslSession().orElseThrow();
            assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
            assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate.certificate());
            assertThat(certificate.keyStore()).isEqualTo(dataDir.resolve("tls/parley.p12"));
        }
    }

    private static String[] arguments(TestDatabase database) {
        List<String> arguments = new ArrayList<>(List.of(LauncherSettings.TLS_FLAG));
        database.springProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.add("--spring.kafka.bootstrap-servers=" + SharedKafka.get().bootstrapServers());
        SharedKafka.startAtTheEnd(PlatformProperties.projectionsGroup(database));
        arguments.add("--parley.projections.group-id=" + PlatformProperties.projectionsGroup(database));
        arguments.add("--parley.redis.address=" + TestRedis.address());
        return arguments.toArray(String[]::new);
    }
}
