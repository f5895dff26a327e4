package parley.edge.storage;

import java.sql.SQLTransientException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a command failed because PostgreSQL could not be reached rather than because of the command: a restart, a
 * failover, a connection cut or the pool exhausted ({@link DatabaseFailures#unreachable}), or a transient failure of
 * the database (a deadlock, a lock or statement timeout) that the same command would not meet again. Those deserve
 * "try again shortly" (STOMP {@code UNAVAILABLE}, HTTP 503 with {@code Retry-After}) rather than "internal error",
 * which a client gives up on (the fault suite saw sends lost to the user that way during a PostgreSQL restart).
 */
public final class StorageOutage {

    /** How long a client waits before trying again: about a PostgreSQL restart's or a failover's reconnect time. */
    public static final long RETRY_AFTER_MS = 1_000;

    private StorageOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        return DatabaseFailures.unreachable(failure) || DatabaseFailures.chain(failure).stream()
                .anyMatch(cause -> cause instanceof SQLTransientException || cause instanceof TransientDataAccessException);
    }
}
