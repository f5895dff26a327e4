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
                .load();
    }
}
