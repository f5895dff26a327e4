package parley.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real PgBouncer in transaction mode: repeated prepared statements work with the driver settings
 * its URL carries, several clients share fewer server connections than they hold, and a restart (the fault
 * suite's) serves again on the same port.
 */
class LocalPgBouncerTest {

    private static LocalPgBouncer bouncer;
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        assumeTrue(LocalPgBouncer.installed() || "true".equals(System.getenv("CI")),
                "pgbouncer is not installed here (apt-get install pgbouncer)");
        database = TestDatabase.create("pgbouncer");
        bouncer = LocalPgBouncer.start(TestDatabase.serverHost(), TestDatabase.serverPort());
    }

    @AfterAll
    static void stop() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void preparedStatementsRepeatedBeyondTheDriverThresholdWork() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT ?::int + 1")) {
            for (int i = 0; i < 20; i++) {
                statement.setInt(1, i);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    assertThat(result.getInt(1)).isEqualTo(i + 1);
                }
            }
        }
    }

    @Test
    void clientsShareServerConnectionsBetweenTransactions() throws SQLException {
        Set<Integer> backends = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                 ResultSet result = statement.executeQuery()) {
                result.next();
                backends.add(result.getInt(1));
            }
        }
        assertThat(backends).as("five client connections, one after another, reuse one pooled server connection").hasSize(1);
    }

    @Test
    void stoppedItRefusesConnectionsAndStartedAgainItServesOnTheSamePort() throws SQLException {
        int port = bouncer.port();
        bouncer.stop();
        try {
            assertThatThrownBy(LocalPgBouncerTest::connect).isInstanceOf(SQLException.class);
        } finally {
            bouncer.startAgain();
        }
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement("SELECT 1");
             ResultSet result = statement.executeQuery()) {
            assertThat(result.next()).isTrue();
        }
        assertThat(bouncer.port()).isEqualTo(port);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(bouncer.jdbcUrl(database.name()), database.username(), database.password());
    }
}
