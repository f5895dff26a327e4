package parley.query.read;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import parley.query.QueryProperties;

/**
 * The query side's own connection pools for reads: the primary's and one per streaming replica,
 * behind one {@link JdbcClient} whose every query is routed by {@link ReadRouter} (first healthy
 * replica, else the primary; a replica that cannot be reached falls back to the primary).
 * Deliberately not a {@code DataSource} bean: one would switch off Spring Boot's primary DataSource,
 * which the other services need when they run in the same process.
 */
public final class ReadDatabase implements AutoCloseable {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ReadRouter router;
    private final ReplicaHealthCheck healthCheck;
    private final QueryProperties.ReadYourWrites readYourWrites;
    private final JdbcClient jdbc;
    /** Each check of a read-your-writes condition while waiting: what a minSeq costs the database. */
    private final Counter polls;

    ReadDatabase(QueryProperties settings, MeterRegistry meters) {
        List<String> names = replicaNames(settings.replicas());
        QueryProperties.ReadDatasource primarySettings = settings.readDatasource();
        HikariDataSource primary = pool("parley-read", primarySettings.url(), primarySettings.username(),
                primarySettings.password(), primarySettings.maximumPoolSize(), null);
        QueryProperties.ReplicaRouting routing = settings.replicaRouting();
        ReplicaBreakers breakers = new ReplicaBreakers(routing, meters);
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < settings.replicas().size(); i++) {
            QueryProperties.Replica replica = settings.replicas().get(i);
            String name = names.get(i);
            HikariDataSource pool = pool("parley-read-" + name, replica.url(),
                    replica.username() == null ? primarySettings.username() : replica.username(),
                    replica.password() == null ? primarySettings.password() : replica.password(),
                    primarySettings.maximumPoolSize(), routing.connectionTimeout());
            replicas.add(new Replica(name, pool, breakers.forReplica(name)));
        }
        this.router = new ReadRouter(replicas, routing.maxLag(), meters);
        this.healthCheck = new ReplicaHealthCheck(replicas, routing.checkInterval(), meters);
        this.readYourWrites = settings.readYourWrites();
        this.polls = Counter.builder("parley.query.read-your-writes.polls")
                .description("Checks whether a read-your-writes read's seq has arrived, made while waiting for it")
                .register(meters);
        this.jdbc = JdbcClient.create(new FallbackJdbcTemplate(new RoutingReadDataSource(router, primary), router));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * Read-your-writes: runs {@code read} (every statement in it) on a replica that has already
     * {@code caughtUp} (checked through {@link #jdbc()}); otherwise, if {@code worthWaiting} (asked once,
     * on the primary) says the wait can end well, waits briefly for the replica to catch up, then
     * (bounded) for the primary's projection. A read not worth waiting for, or whose waits run out, is
     * served by the primary as it is.
     */
    public <T> T readYourWrites(BooleanSupplier caughtUp, BooleanSupplier worthWaiting, Supplier<T> read) {
        Optional<Replica> replica = router.choose();
        if (replica.isPresent() && router.pinnedTo(replica, caughtUp::getAsBoolean)) {
            return router.pinnedTo(replica, read);
        }
        Optional<Replica> primary = Optional.empty();
        if (!router.pinnedTo(primary, worthWaiting::getAsBoolean)) {
            return router.pinnedTo(primary, read);
        }
        if (replica.isPresent()
                && router.pinnedTo(replica, () -> waitUntil(caughtUp, readYourWrites.replicaWait()))) {
            return router.pinnedTo(replica, read);
        }
        router.pinnedTo(primary, () -> waitUntil(caughtUp, readYourWrites.primaryWait()));
        return router.pinnedTo(primary, read);
    }

    /**
     * Each replica's name (default {@code replica-<i>}). A misconfigured replica stops the start:
     * quietly reading from the primary instead would hide it.
     */
    private static List<String> replicaNames(List<QueryProperties.Replica> replicas) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            QueryProperties.Replica replica = replicas.get(i);
            String name = replica.name() == null || replica.name().isBlank() ? "replica-" + i : replica.name();
            if (replica.url() == null || replica.url().isBlank()) {
                throw new IllegalArgumentException("parley.query.replicas[" + i + "] (" + name + ") has no url");
            }
            if (ReadRouter.PRIMARY.equals(name) || names.contains(name)) {
                throw new IllegalArgumentException("parley.query.replicas[" + i + "]: the name " + name + " is taken");
            }
            names.add(name);
        }
        return names;
    }

    private boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!polled(condition)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(readYourWrites.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean polled(BooleanSupplier condition) {
        polls.increment();
        return condition.getAsBoolean();
    }

    private HikariDataSource pool(String name, String url, String username, String password, int size,
            Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setReadOnly(true);
        if (connectionTimeout != null) {
            // A replica that is down must fail a read fast (it is retried on the primary), and must
            // not stop the service from starting.
            config.setConnectionTimeout(connectionTimeout.toMillis());
            config.setValidationTimeout(Math.max(250, connectionTimeout.toMillis() / 2));
            config.setInitializationFailTimeout(-1);
            config.setMinimumIdle(1);
        }
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        healthCheck.close();
        pools.forEach(HikariDataSource::close);
    }
}
