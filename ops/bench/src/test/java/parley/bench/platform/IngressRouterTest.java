package parley.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.local.FreePort;

/**
 * The loopback ingress sends each path where the Kubernetes ingress sends it, checked against the manifest itself, and
 * answers 503 for a service that is down.
 */
class IngressRouterTest {

    private static final Path INGRESS = Path.of("../k8s/base/edge/ingress.yaml");

    @Test
    void routesTheQuerySidesPathsThereAndEverythingElseToTheCommandSide(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HaproxyProcess.BINARY), "haproxy is not installed");
        HttpServer command = answering("command");
        HttpServer query = answering("query");
        try (IngressRouter router = IngressRouter.start(FreePort.find(), uri(command), uri(query), work)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, router.baseUrl().resolve("/api/chats/abc/messages?afterSeq=1"))).isEqualTo("200 query");
            assertThat(get(http, router.baseUrl().resolve("/api/groups/abc"))).isEqualTo("200 query");
            assertThat(get(http, router.baseUrl().resolve("/api/users/abc/devices"))).isEqualTo("200 query");
            assertThat(get(http, router.baseUrl().resolve("/api/auth/login"))).isEqualTo("200 command");
            assertThat(get(http, router.baseUrl().resolve("/ws"))).isEqualTo("200 command");
            assertThat(get(http, router.baseUrl().resolve("/.well-known/jwks.json"))).isEqualTo("200 command");

            query.stop(0);
            assertThat(get(http, router.baseUrl().resolve("/api/chats"))).startsWith("503");
            assertThat(get(http, router.baseUrl().resolve("/api/auth/login"))).isEqualTo("200 command");
        } finally {
            command.stop(0);
            query.stop(0);
        }
    }

    @Test
    void theQuerySidesPathsAreTheKubernetesIngresss() throws Exception {
        assertThat(querySidePathsOf(Files.readAllLines(INGRESS))).containsExactlyInAnyOrderElementsOf(IngressRouter.QUERY_SIDE_PATHS);
    }

    /** Each {@code - path:} whose backend service, the next {@code name:} after it, is the query side. */
    private static List<String> querySidePathsOf(List<String> manifest) {
        List<String> paths = new ArrayList<>();
        String path = null;
        for (String line : manifest) {
            String trimmed = line.strip();
            if (trimmed.startsWith("- path:")) {
                path = trimmed.substring("- path:".length()).strip();
            } else if (path != null && trimmed.startsWith("name:")) {
                if (trimmed.endsWith("parley-query-side")) {
                    paths.add(path);
                }
                path = null;
            }
        }
        return paths;
    }

    private static HttpServer answering(String who) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = who.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
