package parley.bench.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The ingress of {@code ops/k8s/base/edge/ingress.yaml} on loopback: haproxy sends the query side's paths to the query
 * side and everything else (STOMP at {@code /ws}, sign-up and login, devices, the key set, the probes and metrics) to
 * the command side, so that clients keep one base URL while the services run in JVMs of their own. No health checks
 * and no second server: a service that is down is answered 503 by haproxy, as by an ingress with no ready endpoint.
 */
public final class IngressRouter implements AutoCloseable {

    /** The path prefixes the ingress routes to the query side. */
    public static final List<String> QUERY_SIDE_PATHS = List.of("/api/chats", "/api/groups", "/api/users");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final HaproxyProcess haproxy;
    private final int listenPort;

    private IngressRouter(HaproxyProcess haproxy, int listenPort) {
        this.haproxy = haproxy;
        this.listenPort = listenPort;
    }

    public static IngressRouter start(int listenPort, URI commandSide, URI querySide, Path workDir)
            throws IOException, InterruptedException {
        IngressRouter router = new IngressRouter(HaproxyProcess.start("ingress", render(listenPort, commandSide, querySide), workDir),
                listenPort);
        router.awaitListening();
        return router;
    }

    static String render(int listenPort, URI commandSide, URI querySide) {
        return """
                global
                    log stdout format raw local0 info

                %s
                frontend clients
                    bind 127.0.0.1:%d
                    acl query_side path_beg %s
                    use_backend query-side if query_side
                    default_backend command-side

                backend command-side
                    server command-side %s

                backend query-side
                    server query-side %s
                """.formatted(HaproxyProcess.HTTP_DEFAULTS, listenPort, String.join(" ", QUERY_SIDE_PATHS),
                HaproxyProcess.hostPort(commandSide), HaproxyProcess.hostPort(querySide));
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            haproxy.checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", listenPort), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("the ingress did not listen within " + START_TIMEOUT + "; see " + haproxy.log());
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listenPort);
    }

    @Override
    public void close() {
        haproxy.close();
    }
}
