package parley.bench.failover;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Region B's copy of the public JWK set, served on loopback: B's query side runs before B's command side exists (its
 * database is a read-only standby until promotion), so it cannot fetch the keys from its own region, and region A's
 * endpoint dies with A. Real deployments publish the JWK set where every region reaches it (a static object behind
 * the CDN, or each region's edge); the signing keys themselves are rows of the replicated database, so B's command
 * side signs and publishes the same keys after promotion. Only {@code GET /.well-known/jwks.json} is answered.
 */
final class JwksMirror implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;

    private JwksMirror(HttpServer server) {
        this.server = server;
    }

    /** Copies the key set region A publishes now and serves it on a free loopback port. */
    static JwksMirror copyOf(URI regionA) {
        byte[] keys = fetch(regionA.resolve(PATH));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(PATH, exchange -> {
                boolean found = "GET".equals(exchange.getRequestMethod()) && PATH.equals(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(found ? 200 : 404, found ? keys.length : -1);
                if (found) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(keys);
                    }
                }
                exchange.close();
            });
            server.start();
            return new JwksMirror(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private static byte[] fetch(URI uri) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() != 200 || !body.contains("\"keys\"")) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + body);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
