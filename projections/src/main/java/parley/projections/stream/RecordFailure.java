package parley.projections.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import parley.api.cloudevents.UnreadableChatEventException;

/**
 * Why a record could not be projected, which decides whether it may ever be set aside.
 *
 * <p>The SQLSTATE class is the rule, found by walking the cause chain (Spring's exception
 * translation loses it for some codes): a transient class is the database's state and passes by
 * itself, so the record is retried without end; a data class (22, 23) is the record's own content,
 * which no retry changes. A failure without a SQLSTATE is transient if it is a connection failure,
 * and a mapping failure if the record cannot be read as an event.
 *
 * @param reason the class of failure, also the {@code reason} tag of the metrics
 * @param sqlState the first SQLSTATE in the cause chain, or {@code null}
 */
record RecordFailure(Reason reason, String sqlState) {

    enum Reason {
        /** The database (or the way to it) is unavailable for now: retried without end. */
        TRANSIENT("transient"),
        /** The database refuses the record's values (SQLSTATE class 22 or 23). */
        DATA("data"),
        /** The record is not an event this version can read. */
        MAPPING("mapping"),
        /** Anything else (a SQLSTATE of another class, a bug in a projection). */
        OTHER("other");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    /**
     * Connection exception (08), transaction rollback: serialization failure and deadlock (40),
     * insufficient resources (53), object not in prerequisite state: lock not available (55),
     * operator intervention: shutdown, cancel (57), system error: I/O (58).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58");
    private static final Set<String> DATA_CLASSES = Set.of("22", "23");

    static RecordFailure of(Throwable failure) {
        String sqlState = sqlState(failure);
        if (sqlState != null && sqlState.length() >= 2) {
            String sqlClass = sqlState.substring(0, 2);
            if (TRANSIENT_CLASSES.contains(sqlClass)) {
                return new RecordFailure(Reason.TRANSIENT, sqlState);
            }
            if (DATA_CLASSES.contains(sqlClass)) {
                return new RecordFailure(Reason.DATA, sqlState);
            }
            return new RecordFailure(Reason.OTHER, sqlState);
        }
        if (anyInChain(failure, RecordFailure::isConnectionFailure)) {
            return new RecordFailure(Reason.TRANSIENT, null);
        }
        if (anyInChain(failure, RecordFailure::isMappingFailure)) {
            return new RecordFailure(Reason.MAPPING, null);
        }
        return new RecordFailure(Reason.OTHER, null);
    }

    /** Whether the record is retried without end rather than dead-lettered after a few tries. */
    boolean transientFailure() {
        return reason == Reason.TRANSIENT;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        return cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                || cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                || (cause instanceof IOException && !(cause instanceof JsonProcessingException));
    }

    private static boolean isMappingFailure(Throwable cause) {
        return cause instanceof UnreadableChatEventException || cause instanceof JsonProcessingException
                || cause instanceof IllegalArgumentException
                || cause instanceof DeserializationException || cause instanceof MessageConversionException
                || cause instanceof ConversionException || cause instanceof ClassCastException;
    }

    private static boolean anyInChain(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause : chain(failure)) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes (and a SQLException's chained exceptions), each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
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
            // A rollback that fails on a connection the pool has already closed ("Connection is closed",
            // no SQLSTATE) replaces the failure that broke it; that one, kept here, says why.
            if (next instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                todo.add(rollback.getApplicationException());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return chain;
    }
}
