package parley.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import parley.edge.breaker.BreakerSettings;
import parley.local.TestDatabase;
import parley.query.QueryProperties;

/**
 * The fallback with real connections: a replica the last probe saw healthy is gone (nothing
 * listens on its port any more), so a JdbcClient read through the routing pool reaches the real
 * primary instead, and the replica's breaker opens.
 */
class ReplicaFallbackTest {

    private static final TestDatabase PRIMARY = TestDatabase.create("replica_fallback");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HikariDataSource primaryPool;
    private HikariDataSource replicaPool;

    @AfterEach
    void closePools() {
        primaryPool.close();
        replicaPool.close();
    }

    @Test
    void aReadOnAVanishedReplicaIsServedByThePrimaryAndOpensTheBreaker() throws IOException {
        primaryPool = pool(PRIMARY.jdbcUrl());
        replicaPool = pool("jdbc:postgresql://127.0.0.1:" + closedPort() + "/" + PRIMARY.name());
        QueryProperties.ReplicaRouting routing = new QueryProperties.ReplicaRouting(Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMillis(250), new BreakerSettings(50, 10, 3, Duration.ofMinutes(1)));
        Replica replica = new Replica("gone", replicaPool, new ReplicaBreakers(routing, meters).forReplica("gone"));
        replica.observed(new ReplicaHealth(true, true, 0));
        ReadRouter router = new ReadRouter(List.of(replica), routing.maxLag(), meters);
        JdbcClient jdbc = JdbcClient.create(new FallbackJdbcTemplate(new RoutingReadDataSource(router, primaryPool), router));

        for (int i = 0; i < 3; i++) {
            String database = jdbc.sql("SELECT current_database()").query(String.class).single();
            assertThat(database).isEqualTo(PRIMARY.name());
        }

        assertThat(meters.counter("parley.query.replica.fallbacks", "replica", "gone").count()).isEqualTo(3);
        assertThat(meters.counter("parley.query.reads", "target", "primary").count()).isEqualTo(3);
        assertThat(replica.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "parley-read-replica-gone")
                .tag("state", "open").gauge().value()).isEqualTo(1);

        jdbc.sql("SELECT 1").query(Integer.class).single();
        assertThat(meters.counter("parley.query.replica.fallbacks", "replica", "gone").count())
                .as("an open breaker keeps reads off the replica: no more attempts").isEqualTo(3);
    }

    @Test
    void aReadOnAConnectionTheReplicaCutIsRetriedOnThePrimary() {
        primaryPool = pool(PRIMARY.jdbcUrl());
        // Stands in for a replica: the same server, told apart by its connections' application name.
        replicaPool = pool(PRIMARY.jdbcUrl() + "?ApplicationName=parley-cut-replica");
        replicaPool.setMaximumPoolSize(1);
        QueryProperties.ReplicaRouting routing = new QueryProperties.ReplicaRouting(Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMillis(250), new BreakerSettings(50, 10, 3, Duration.ofMinutes(1)));
        Replica replica = new Replica("cut", replicaPool, new ReplicaBreakers(routing, meters).forReplica("cut"));
        replica.observed(new ReplicaHealth(true, true, 0));
        ReadRouter router = new ReadRouter(List.of(replica), routing.maxLag(), meters);
        JdbcClient jdbc = JdbcClient.create(new FallbackJdbcTemplate(new RoutingReadDataSource(router, primaryPool), router));
        assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        assertThat(meters.counter("parley.query.reads", "target", "cut").count()).isEqualTo(1);

        // What a replica shutting down does to open sessions; the pool hands the dead connection out
        // again at once (it only re-validates connections idle for longer than half a second).
        JdbcClient.create(primaryPool).sql("""
                SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
                WHERE application_name = 'parley-cut-replica'""").query(Long.class).single();
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();

        assertThat(database).isEqualTo(PRIMARY.name());
        assertThat(meters.counter("parley.query.replica.fallbacks", "replica", "cut").count()).isEqualTo(1);
        assertThat(replica.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PRIMARY.username());
        config.setPassword(PRIMARY.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
