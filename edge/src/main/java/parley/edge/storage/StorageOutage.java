package parley.edge.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a command failed because PostgreSQL could not be reached rather than because of the command: a restart, a
 * failover, a connection cut or the pool exhausted. Those deserve "try again shortly" (STOMP {@code UNAVAILABLE}, HTTP
 * 503 with {@code Retry-After}) rather than "internal error", which a client gives up on (the fault suite saw sends
 * lost to the user that way during a PostgreSQL restart).
 */
public final class StorageOutage {

    /** How long a client waits before trying again: about a PostgreSQL restart's or a failover's reconnect time. */
    public static final long RETRY_AFTER_MS = 1_000;

    private StorageOutage() {
    }

    public static boolean causedBy(Throwable failure) {
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
