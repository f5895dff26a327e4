package parley.query.read;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a replica that cannot be talked to (worth a retry on the primary, and a strike against the
 * replica's breaker) from a read that failed for its own reasons (which the primary would fail too).
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true; // the pool gave up waiting for a connection
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Class 08 (connection exception) and the server going away: admin/crash shutdown, cannot connect now. */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
