package parley.edge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseFailuresTest {

    @Test
    void aServerThatCannotBeReachedIsGoingAwayOrTakesNoWorkIsUnreachable() {
        assertThat(DatabaseFailures.unreachable(
                new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(DatabaseFailures.unreachable(
                new DataAccessResourceFailureException("io", new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("too many clients already", "53300"))).isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("idle-session timeout", "57P05"))).isTrue();
    }

    /** A rollback on a connection the pool already closed hides the failure that broke it: that one counts. */
    @Test
    void theFailureBehindAFailedRollbackIsRead() {
        TransactionSystemException rollback = new TransactionSystemException("Could not roll back");
        rollback.initApplicationException(new SQLException("terminating connection", "57P01"));
        assertThat(DatabaseFailures.unreachable(rollback)).isTrue();
        assertThat(DatabaseFailures.sqlState(rollback)).isEqualTo("57P01");
    }

    @Test
    void aStatementsOwnErrorIsNot() {
        assertThat(DatabaseFailures.unreachable(
                new BadSqlGrammarException("read", "SELECT", new SQLException("undefined table", "42P01")))).isFalse();
        assertThat(DatabaseFailures.unreachable(new SQLException("cancelled", "57014"))).isFalse();
        assertThat(DatabaseFailures.unreachable(new IllegalStateException("bug"))).isFalse();
    }
}
