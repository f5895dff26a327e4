package parley.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ConnectionFailuresTest {

    @Test
    void aReplicaThatCannotBeReachedOrIsGoingAwayIsAConnectionFailure() {
        assertThat(ConnectionFailures.isConnectionFailure(
                new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(
                new DataAccessResourceFailureException("io", new SQLException("I/O error", "08006")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("starting up", "57P03"))).isTrue();
    }

    @Test
    void aStatementsOwnErrorIsNot() {
        assertThat(ConnectionFailures.isConnectionFailure(
                new BadSqlGrammarException("read", "SELECT", new SQLException("undefined table", "42P01")))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("cancelled", "57014"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
    }
}
