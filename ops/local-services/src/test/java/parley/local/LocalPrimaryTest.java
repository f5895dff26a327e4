package parley.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL cluster of its own, as the region-failover harness runs region A's database. */
class LocalPrimaryTest {

    private static LocalPrimary primary;

    @BeforeAll
    static void start() {
        primary = LocalPrimary.start();
    }

    @AfterAll
    static void stop() {
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void aCreatedDatabaseAcceptsConnections() throws SQLException {
        primary.createDatabase("parley_region_a");

        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl("parley_region_a"), LocalPrimary.USER, "");
                PreparedStatement statement = connection.prepareStatement("SELECT current_database()");
                ResultSet result = statement.executeQuery()) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("parley_region_a");
        }
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRefusedBeforeAnySqlRuns() {
        assertThatThrownBy(() -> primary.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> primary.createDatabase("Upper")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiringASynchronousStandbyIsInForceAfterTheReload() throws Exception {
        // A cluster of its own: from now on its commits wait for a standby it does not have.
        try (LocalPrimary waiting = LocalPrimary.start()) {
            waiting.requireSynchronousStandby();
            assertThat(setting(waiting)).isEqualTo("*");
        }
    }

    @Test
    void aCommittedRowSurvivesARestartInEitherModeAndOldConnectionsBreak() throws Exception {
        try (LocalPrimary restarted = LocalPrimary.start()) {
            restarted.createDatabase("parley_restart");
            String url = restarted.jdbcUrl("parley_restart");
            try (Connection before = DriverManager.getConnection(url, LocalPrimary.USER, "")) {
                before.createStatement().execute("CREATE TABLE kept (id int PRIMARY KEY)");
                before.createStatement().execute("INSERT INTO kept VALUES (1)");

                restarted.restart(LocalPrimary.StopMode.FAST);

                assertThat(restarted.isRunning()).isTrue();
                assertThatThrownBy(() -> before.createStatement().execute("SELECT 1"))
                        .as("a session of the old server").isInstanceOf(SQLException.class);
            }
            try (Connection between = DriverManager.getConnection(url, LocalPrimary.USER, "")) {
                between.createStatement().execute("INSERT INTO kept VALUES (2)");
            }
            // immediate: no checkpoint, the next start replays the WAL (a crash of the primary)
            restarted.restart(LocalPrimary.StopMode.IMMEDIATE);
            try (Connection after = DriverManager.getConnection(url, LocalPrimary.USER, "");
                    ResultSet rows = after.createStatement().executeQuery("SELECT count(*) FROM kept")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aStoppedPrimaryRefusesConnectionsUntilItIsStartedAgain() throws Exception {
        try (LocalPrimary stopped = LocalPrimary.start()) {
            stopped.stop(LocalPrimary.StopMode.FAST);

            assertThat(stopped.isRunning()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(stopped.jdbcUrl("postgres"), LocalPrimary.USER, "").close())
                    .isInstanceOf(SQLException.class);

            stopped.startAgain();
            try (Connection again = DriverManager.getConnection(stopped.jdbcUrl("postgres"), LocalPrimary.USER, "")) {
                assertThat(again.isValid(5)).isTrue();
            }
        }
    }

    private static String setting(LocalPrimary waiting) throws Exception {
        try (Connection connection = DriverManager.getConnection(waiting.jdbcUrl("postgres"), LocalPrimary.USER, "");
                PreparedStatement statement = connection.prepareStatement("SHOW synchronous_standby_names")) {
            // pg_reload_conf() signals the postmaster; backends pick the setting up a moment later.
            String setting = "";
            for (int attempt = 0; attempt < 200 && !setting.equals("*"); attempt++) {
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    setting = result.getString(1);
                }
                if (!setting.equals("*")) {
                    Thread.sleep(50);
                }
            }
            return setting;
        }
    }
}
