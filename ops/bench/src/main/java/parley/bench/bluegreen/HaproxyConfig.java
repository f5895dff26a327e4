package parley.bench.bluegreen;

import java.net.URI;
import java.nio.file.Path;
import parley.bench.platform.HaproxyProcess;

/**
 * The loopback load balancer's configuration: HTTP mode (WebSocket upgrades pass through and then live under
 * {@code timeout tunnel}), one backend with a blue and a green server, both health-checked on the readiness probe, so
 * a draining node (readiness 503) leaves the rotation on its own. Green starts {@code disabled} (maintenance) at an
 * address nothing listens on, since its port is known only once it runs: the switch sets its address and moves the
 * traffic on the runtime API socket, without a reload, so established WebSockets are never cut by haproxy; the
 * node that drains closes them itself (1012) and the clients come back through the same address.
 *
 * @param listenPort the loopback port clients use
 * @param blue the blue node's base URL
 * @param adminSocket the runtime API's Unix socket (level admin: only this user can reach it, the file is in the run's
 *                    own directory)
 */
record HaproxyConfig(int listenPort, URI blue, Path adminSocket) {

    static final String BACKEND = "parley";
    static final String BLUE = "blue";
    static final String GREEN = "green";
    /** Green's address until it runs: the discard port, refused on loopback, and the server is disabled anyway. */
    static final String GREEN_PLACEHOLDER = "127.0.0.1:9";

    String render() {
        return """
                global
                    stats socket %s mode 600 level admin
                    log stdout format raw local0 info

                %s\
                    # a refused or reset connection is tried again on another server (the switch's few milliseconds)
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response 503

                frontend clients
                    bind 127.0.0.1:%d
                    default_backend %s

                backend %s
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    # a check answers in milliseconds on a quiet machine; a crowded one gets 5 s before it counts as failed
                    timeout check 5s
                    default-server inter 1s fall 3 rise 1
                    server %s %s check
                    server %s %s check disabled
                """.formatted(adminSocket, HaproxyProcess.HTTP_DEFAULTS, listenPort, BACKEND, BACKEND, BLUE, HaproxyProcess.hostPort(blue),
                GREEN, GREEN_PLACEHOLDER);
    }
}
