package parley.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class RecordFailureTest {

    @Test
    void aFailedRollbackOnAClosedConnectionIsClassedByTheFailureThatBrokeIt() {
        // What TransactionTemplate throws when the database went away mid-transaction: the pool had
        // already closed the connection, so the rollback failed too, without a SQLSTATE.
        TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        RecordFailure failure = RecordFailure.of(rollback);

        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.sqlState()).isEqualTo("08006");
    }

    @Test
    void aDataErrorStaysADataError() {
        RecordFailure failure = RecordFailure.of(new DataIntegrityViolationException("insert",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));

        assertThat(failure.reason()).isEqualTo(RecordFailure.Reason.DATA);
    }
}
