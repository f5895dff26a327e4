package parley.query;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import parley.edge.breaker.BreakerSettings;

/**
 * @param readDatasource the primary, where reads go when no replica is healthy (and for
 *     read-your-writes reads a replica cannot serve yet)
 * @param replicas streaming replicas to read from, nearest first; empty means every read goes to the primary
 * @param replicaRouting when a replica counts as healthy, and its circuit breaker
 * @param readYourWrites how long a read that names a {@code minSeq} waits for a replica, then for the primary
 * @param jwkSetUri the identity service's public keys (used when running without the command side)
 * @param issuer expected {@code iss} of access tokens
 * @param audience expected {@code aud} of access tokens
 * @param clockSkew how far past {@code exp} a token is still accepted
 * @param revocationCacheTtl how long a user's session cutoff (revocation) is cached; a revocation
 *     reaches a standalone query side within this time
 */
@ConfigurationProperties("parley.query")
public record QueryProperties(ReadDatasource readDatasource, List<Replica> replicas, ReplicaRouting replicaRouting,
        ReadYourWrites readYourWrites, String jwkSetUri, String issuer, String audience, Duration clockSkew,
        Duration revocationCacheTtl) {

    public QueryProperties {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    public record ReadDatasource(String url, String username, String password, int maximumPoolSize) {
    }

    /**
     * One streaming replica. Without a username or password, the primary's are used; without a
     * name, {@code replica-<position>}.
     */
    public record Replica(String name, String url, String username, String password) {
    }

    /**
     * @param checkInterval how often each replica is probed (reachable, in recovery, replay lag)
     * @param maxLag a replica further behind than this is skipped
     * @param connectionTimeout how long a read waits for a replica connection before it counts as failed
     * @param breaker each replica's circuit breaker: when failed reads open it, and how long it then keeps
     *     reads off the replica before trying it again
     */
    public record ReplicaRouting(Duration checkInterval, Duration maxLag, Duration connectionTimeout, BreakerSettings breaker) {
    }

    /**
     * @param replicaWait how long a replica may take to reach the named seq before the read goes to the primary
     * @param primaryWait how long the primary's projection may take to reach it before the read is served anyway
     * @param pollInterval how often the seq is checked while waiting
     * @param maxSeqAhead how far past the chat's last seq in the primary's read tables a {@code minSeq} may
     *     be and still be waited for (a just-sent seq is ahead of them by the projection's lag); further
     *     ahead it cannot be a real send, and the read is served at once
     * @param maxWaitingPerUser how many reads of one user may wait at once; more are served at once
     */
    public record ReadYourWrites(Duration replicaWait, Duration primaryWait, Duration pollInterval, long maxSeqAhead,
            int maxWaitingPerUser) {
    }
}
