package parley.command.stomp;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a command failed because PostgreSQL could not be reached rather than because of the command: a restart, a
 * failover, a connection cut or the pool exhausted. Those deserve "send it again" rather than "internal error", which
 * a client gives up on (the fault suite saw sends lost to the user that way during a PostgreSQL restart).
 */
final class StorageOutage {

    private StorageOutage() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof SQLNonTransientConnectionException || cause instanceof TransientDataAccessException
                || cause instanceof DataAccessResourceFailureException) {
            return true;
        }
        return cause instanceof SQLException sql && sql.getSQLState() != null && unreachable(sql.getSQLState());
    }

    /**
     * SQLSTATE classes of a server that is gone or not taking work: 08 connection exception, 53 insufficient
     * resources (too many connections), 57P01–57P03 shutting down or starting up.
     */
    private static boolean unreachable(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P");
    }
}
