package parley.query.read;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import parley.edge.storage.DatabaseFailures;

/** One read replica: its connection pool, its circuit breaker and what its last probe saw. */
final class Replica {

    /**
     * Replay lag as usually measured on a standby: nothing to replay means no lag, otherwise the age
     * of the last transaction replayed (which grows while replay is paused or slow).
     */
    static final String PROBE = """
            SELECT pg_is_in_recovery(),
                   CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
                   END""";

    private final String name;
    private final DataSource dataSource;
    private final CircuitBreaker breaker;
    private volatile ReplicaHealth health = ReplicaHealth.UNKNOWN;

    Replica(String name, DataSource dataSource, CircuitBreaker breaker) {
        this.name = name;
        this.dataSource = dataSource;
        this.breaker = breaker;
    }

    String name() {
        return name;
    }

    DataSource dataSource() {
        return dataSource;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    ReplicaHealth health() {
        return health;
    }

    void observed(ReplicaHealth health) {
        this.health = health;
    }

    /** Whether this replica takes the next read; in half-open state this uses up one of the breaker's trial calls. */
    boolean takesRead(Duration maxLag) {
        return health.usable(maxLag) && breaker.tryAcquirePermission();
    }

    void succeeded() {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    void failed(Throwable failure) {
        breaker.onError(0, TimeUnit.NANOSECONDS, failure);
    }

    /** Probes the replica; an unreachable one counts against its breaker like a failed read. */
    void probe() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PROBE)) {
            statement.setQueryTimeout(5);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                observed(new ReplicaHealth(true, row.getBoolean(1), row.getDouble(2)));
            }
            if (breaker.tryAcquirePermission()) {
                succeeded();
            }
        } catch (SQLException | RuntimeException e) {
            observed(ReplicaHealth.unreachable());
            if (DatabaseFailures.unreachable(e)) {
                failed(e);
            }
        }
    }
}
