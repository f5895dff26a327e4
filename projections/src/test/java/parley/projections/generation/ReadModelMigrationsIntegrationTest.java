package parley.projections.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import parley.local.TestDatabase;

/** A service starting while its database refuses logins (a PostgreSQL restart behind PgBouncer) migrates once it can. */
class ReadModelMigrationsIntegrationTest {

    @Test
    void migratingWaitsForADatabaseThatRefusesTheFirstLogins() {
        TestDatabase database = TestDatabase.create("migrations_wait");
        DriverManagerDataSource postgres = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password());
        RefusingFirstLogins dataSource = new RefusingFirstLogins(postgres, 2);

        ReadModelMigrations.flyway(dataSource).migrate();

        assertThat(dataSource.refused.get()).isEqualTo(2);
        assertThat(JdbcClient.create(postgres).sql("SELECT count(*) FROM " + ReadModelMigrations.HISTORY_TABLE)
                .query(Long.class).single()).isPositive();
    }

    /** The real database behind logins refused as PgBouncer refuses them while the server restarts. */
    private static final class RefusingFirstLogins extends DelegatingDataSource {
        final AtomicInteger refused = new AtomicInteger();
        private final int refusals;

        RefusingFirstLogins(DriverManagerDataSource target, int refusals) {
            super(target);
            this.refusals = refusals;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (refused.get() < refusals) {
                refused.incrementAndGet();
                throw new SQLException("server login has been failing, try again later (server_login_retry)", "08P01");
            }
            return super.getConnection();
        }
    }
}
