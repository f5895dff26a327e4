package parley.edge.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one reading of a database failure that the HTTP and STOMP services share: the whole cause chain, its SQLSTATE,
 * and whether it says that PostgreSQL could not be talked to. What each caller does with that differs (the command
 * side answers {@code UNAVAILABLE}, the query side retries a replica's read on the primary), but a failure means the
 * same to both. The projections (a Kafka consumer without this web module) classify by SQLSTATE class for their own
 * question, retry or dead-letter ({@code RecordFailure}), with the same unreachable states among their transient ones.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The failure and its causes, a SQLException's chained exceptions and a failed rollback's original failure, each once. */
    public static List<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> chain = new ArrayList<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty()) {
            Throwable next = todo.poll();
            if (seen.put(next, Boolean.TRUE) != null) {
                continue;
            }
            chain.add(next);
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            // A rollback that fails on a connection the pool has already closed ("Connection is closed", no SQLSTATE)
            // replaces the failure that broke it; that one says why.
            if (next instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                todo.add(rollback.getApplicationException());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return chain;
    }

    /** The first SQLSTATE in the chain, or null (Spring's translation keeps it only in the cause). */
    public static String sqlState(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Whether the chain says the server could not be reached or took no work (see {@link #unreachableState}). */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (connectionLost(cause) || cause instanceof SQLException sql && unreachableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE of a server that is gone or not taking work: class 08 (connection exception), class 53 (insufficient
     * resources: too many connections), 57P (the server ended the connection: shut down, crashed, starting up,
     * database dropped, idle session timeout). Not 57014: a statement cancelled by its timeout is the statement's own
     * failure.
     */
    public static boolean unreachableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P"));
    }

    /** The pool gave up waiting for a connection, or the driver lost the one it had (no SQLSTATE needed). */
    private static boolean connectionLost(Throwable cause) {
        return cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException || cause instanceof CannotGetJdbcConnectionException
                || cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException;
    }
}
