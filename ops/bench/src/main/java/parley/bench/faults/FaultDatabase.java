package parley.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import parley.bench.Progress;
import parley.bench.platform.LoopbackProxy;
import parley.local.LocalPgBouncer;
import parley.local.LocalPrimary;
import parley.local.LocalReplica;

/**
 * The suite's PostgreSQL: a primary of its own ({@link LocalPrimary}; the machine's server on 5432 is never
 * restarted), and only when a fault of the run breaks them a streaming replica the query side reads history from
 * ({@link LocalReplica}, as {@code parley.query.replicas[0]}) and a PgBouncer in transaction pooling the platform
 * connects through ({@link LocalPgBouncer}; the replica is read directly, as PgBouncer fronts the primary only). The
 * audits and the replay comparison go to the primary directly, as an operator's tools do.
 */
final class FaultDatabase implements AutoCloseable {

    static final String NAME = "parley";
    /** The replica's name in the query side's routing and in its metrics' {@code target} and {@code replica} tags. */
    static final String REPLICA = "replica";
    private static final String WAL_POSITION = "SELECT pg_current_wal_lsn()::text";
    private static final String REPLAYED = "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?::pg_lsn) >= 0";

    private final LocalPrimary primary;
    private LocalReplica replica;
    private LocalPgBouncer pgBouncer;
    private LoopbackProxy link;

    private FaultDatabase(LocalPrimary primary) {
        this.primary = primary;
    }

    static FaultDatabase start(Set<EnvironmentPart> parts, Progress progress) {
        LocalPrimary primary = LocalPrimary.start();
        // pg_ctl's server outlives this JVM: an interrupted run must not leave it running
        Runtime.getRuntime().addShutdownHook(new Thread(primary::close, "faults-stop-primary"));
        FaultDatabase database = new FaultDatabase(primary);
        try {
            primary.createDatabase(NAME);
            progress.line("faults: PostgreSQL primary of its own on port %d", primary.port());
            if (parts.contains(EnvironmentPart.READ_REPLICA)) {
                database.replica = LocalReplica.streamingFrom("127.0.0.1", primary.port(), LocalPrimary.USER);
                Runtime.getRuntime().addShutdownHook(new Thread(database.replica::close, "faults-stop-replica"));
                progress.line("faults: streaming replica on port %d, read by the query side", database.replica.port());
            }
            if (parts.contains(EnvironmentPart.PGBOUNCER)) {
                database.pgBouncer = LocalPgBouncer.start("127.0.0.1", primary.port());
                Runtime.getRuntime().addShutdownHook(new Thread(database.pgBouncer::close, "faults-stop-pgbouncer"));
                progress.line("faults: PgBouncer (transaction pooling) on port %d in front of the primary", database.pgBouncer.port());
            }
            if (parts.contains(EnvironmentPart.DATABASE_LINK)) {
                int target = database.pgBouncer != null ? database.pgBouncer.port() : primary.port();
                database.link = LoopbackProxy.to(target);
                progress.line("faults: the platform's database connections through a loopback proxy on port %d", database.link.port());
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    LocalPrimary primary() {
        return primary;
    }

    /** The primary, directly: for the audits and the analyst tool. */
    String jdbcUrl() {
        return primary.jdbcUrl(NAME);
    }

    /** Where the platform's pools connect: through the link's proxy and PgBouncer when the run has them, else the primary. */
    String platformJdbcUrl() {
        String url = pgBouncer != null ? pgBouncer.jdbcUrl(NAME) : jdbcUrl();
        if (link == null) {
            return url;
        }
        int target = pgBouncer != null ? pgBouncer.port() : primary.port();
        return url.replace("127.0.0.1:" + target + "/", "127.0.0.1:" + link.port() + "/");
    }

    LoopbackProxy link() {
        if (link == null) {
            throw new IllegalStateException("this run has no database link proxy: a fault that slows it must need DATABASE_LINK");
        }
        return link;
    }

    /** The query side's replica setting when the run has a replica (its user is the primary's). */
    Map<String, String> platformEnvironment() {
        return replica == null ? Map.of() : Map.of("PARLEY_QUERY_REPLICAS_0_NAME", REPLICA,
                "PARLEY_QUERY_REPLICAS_0_URL", replica.jdbcUrl(NAME));
    }

    LocalReplica replica() {
        if (replica == null) {
            throw new IllegalStateException("this run has no read replica: a fault that stops it must need READ_REPLICA");
        }
        return replica;
    }

    LocalPgBouncer pgBouncer() {
        if (pgBouncer == null) {
            throw new IllegalStateException("this run has no PgBouncer: a fault that restarts it must need PGBOUNCER");
        }
        return pgBouncer;
    }

    /** The primary's current WAL position, to wait until the replica has replayed it. */
    String primaryWalPosition() {
        try (Connection db = DriverManager.getConnection(primary.jdbcUrl("postgres"), LocalPrimary.USER, "");
                PreparedStatement statement = db.prepareStatement(WAL_POSITION);
                ResultSet position = statement.executeQuery()) {
            position.next();
            return position.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the primary's WAL position", e);
        }
    }

    /** Whether the replica has replayed the primary's WAL up to {@code position}; false while it cannot answer. */
    boolean replicaReplayed(String position) {
        try (Connection db = DriverManager.getConnection(replica().jdbcUrl("postgres"), replica().username(), "");
                PreparedStatement statement = db.prepareStatement(REPLAYED)) {
            statement.setString(1, position);
            try (ResultSet replayed = statement.executeQuery()) {
                return replayed.next() && replayed.getBoolean(1);
            }
        } catch (SQLException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        try {
            if (pgBouncer != null) {
                pgBouncer.close();
            }
        } finally {
            try {
                if (replica != null) {
                    replica.close();
                }
            } finally {
                primary.close();
            }
        }
    }
}
