package parley.projections.generation;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The read tables' own Flyway history ({@code flyway_history_projections}), so they can share a
 * database with the command side: the SQL scripts V1 to V5 of {@code db/projections} and the Java
 * migration that introduced generations. One definition for the service and for tests.
 */
public final class ReadModelMigrations {

    public static final String HISTORY_TABLE = "flyway_history_projections";
    /**
     * Migrating is the service's first use of the database: a database that is restarting (PgBouncer answers
     * "server login has been failing" for a while after) is waited for, about 80 s, instead of the service exiting.
     */
    static final int CONNECT_RETRIES = 12;
    static final int CONNECT_RETRIES_MAX_INTERVAL_SECONDS = 10;

    private ReadModelMigrations() {
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations("classpath:db/projections")
                .javaMigrations(new V6__read_model_generations())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .connectRetries(CONNECT_RETRIES)
                .connectRetriesInterval(CONNECT_RETRIES_MAX_INTERVAL_SECONDS)
                .load();
    }
}
