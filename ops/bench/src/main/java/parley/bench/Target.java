package parley.bench;

import java.net.URI;

/**
 * The running platform a scenario drives and the services under it.
 *
 * @param baseUrl the platform's HTTP base, e.g. {@code http://127.0.0.1:8080}
 * @param jdbcUrl the platform's database (the scenarios that seed or read rows directly use it)
 * @param jdbcUser that database's user
 * @param kafkaBootstrap the broker the platform publishes to
 * @param platformPid the platform's process (for heap figures taken with jcmd)
 */
public record Target(URI baseUrl, String jdbcUrl, String jdbcUser, String kafkaBootstrap, long platformPid) {

    /** STOMP over WebSocket: {@code /ws} on the same host and port. */
    public URI webSocketUrl() {
        return URI.create(baseUrl.toString().replaceFirst("^http", "ws") + "/ws");
    }
}
