package parley.analyst.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import parley.analyst.EventFilter;
import parley.analyst.EventLog;
import parley.analyst.EventPayloads;
import parley.analyst.Prefetch;
import parley.analyst.Progress;
import parley.analyst.StoredEvent;
import parley.projections.generation.ProjectionLogic;
import parley.projections.generation.ReadModel;

/**
 * Replays the event store, in global-index order, into one schema's read tables through the live
 * projection classes ({@link ProjectionLogic}); it remembers how far it got, so it can be called again
 * to catch up.
 *
 * <p>Axon's global index can have gaps that fill later: an append that took its index before a later
 * one but committed after it. Missing indexes near the head are remembered and read again on every
 * catch-up; applying an event late is what the live projections do with a redelivery, and every
 * projection is idempotent and ignores an older event after a newer one.
 */
final class Replay implements AutoCloseable {

    /** How far below the head a missing index is still worth waiting for (an append in flight). */
    static final long GAP_WINDOW = 100_000;
    /** Events per transaction outside the switch. */
    static final int BATCH = 10_000;

    private final EventLog log;
    private final Connection target;
    private final String schema;
    private final EventPayloads payloads;
    private final ProjectionLogic projections;
    private final WriteBehind writeBehind;
    private final TreeSet<Long> gaps = new TreeSet<>();
    private long position;
    private long applied;
    private int inTransaction;

    /** How a replay sends the projections' writes. */
    enum Writes {
        /** One round trip per statement, exactly as the live projections do (the {@code verify} command). */
        DIRECT,
        /** Commutative statements deferred, each one entry of a pipelined JDBC batch (the rebuild's second replay). */
        PIPELINED,
        /** Deferred, merged per row key and sent as multi-row statements (the rebuild's main replay). */
        COALESCED
    }

    /**
     * @param writes how the writes go; the rebuild verifies its main replay ({@link Writes#COALESCED})
     *     against a second one through another path ({@link Writes#PIPELINED})
     */
    Replay(Connection source, Connection target, String schema, EventPayloads payloads, Writes writes) throws SQLException {
        this.log = new EventLog(source);
        this.target = target;
        this.schema = ReadModel.identifier(schema);
        this.payloads = payloads;
        target.setAutoCommit(false);
        this.writeBehind = writes == Writes.DIRECT ? null : new WriteBehind(target, writes == Writes.COALESCED);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(writeBehind != null ? writeBehind.connection() : target, true);
        this.projections = ProjectionLogic.over(dataSource);
    }

    /** Sends every deferred write (before the caller commits the switch's transaction). */
    void flush() throws SQLException {
        if (writeBehind != null) {
            writeBehind.flush();
        }
    }

    long position() {
        return position;
    }

    long applied() {
        return applied;
    }

    /** The indexes below {@link #position()} not seen yet (appends that may still commit). */
    List<Long> gaps() {
        return new ArrayList<>(gaps);
    }

    /**
     * Applies every event up to {@code until} not applied yet (and any gap that filled meanwhile).
     *
     * @param commitInBatches commit every {@link #BATCH} events and at the end; false inside the switch,
     *     whose transaction the caller commits
     */
    long catchUp(long until, boolean commitInBatches, Progress progress) throws SQLException {
        long before = applied;
        if (inTransaction == 0) {
            enter();
        }
        List<Long> waiting = gaps.headSet(until, true).stream().toList();
        if (!waiting.isEmpty()) {
            log.readPositions(waiting, event -> {
                gaps.remove(event.position());
                apply(event, payloads.payload(event), commitInBatches, progress);
            });
        }
        if (until > position) {
            long[] expected = {position + 1};
            EventFilter filter = new EventFilter(position, until, null, null, null, null);
            // The log's next fetch and the payloads' deserialising run on a thread of their own, while this one
            // waits for the target's writes: the two sides' round trips overlap instead of adding up.
            read(filter, (event, payload) -> {
                for (long missing = Math.max(expected[0], until - GAP_WINDOW); missing < event.position(); missing++) {
                    gaps.add(missing);
                }
                expected[0] = event.position() + 1;
                apply(event, payload, commitInBatches, progress);
            });
            for (long missing = Math.max(expected[0], until - GAP_WINDOW); missing <= until; missing++) {
                gaps.add(missing);
            }
            position = until;
        }
        if (commitInBatches) {
            commit();
        }
        return applied - before;
    }

    /** The highest index in the store now. */
    long head() throws SQLException {
        return log.lastPosition();
    }

    /** An event read and deserialised ahead of its application. */
    private record Read(StoredEvent event, Object payload) {
    }

    private void read(EventFilter filter, java.util.function.BiConsumer<StoredEvent, Object> apply) throws SQLException {
        try {
            Prefetch.<Read>stream("replay-reader", emit -> log.read(filter, event -> {
                try {
                    emit.accept(new Read(event, payloads.payload(event)));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }), read -> apply.accept(read.event(), read.payload()));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replay into " + schema + " failed", e);
        }
    }

    /**
     * @param payload the event's current record (EventPayloads: the fast path for rows at the current
     *     revision, the upcasters otherwise); the stored row's aggregate sequence is the message's
     */
    private void apply(StoredEvent event, Object payload, boolean commitInBatches, Progress progress) {
        try {
            if (inTransaction == 0) {
                enter();
            }
            projections.dispatch().apply(payload, event.aggregateSequence());
            applied++;
            inTransaction++;
            if (progress != null) {
                progress.advance(1);
            }
            if (commitInBatches && inTransaction >= BATCH) {
                commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replay into " + schema + " failed at position " + event.position(), e);
        }
    }

    /** Each transaction writes the target schema; a lost rebuild is run again, so commits need not wait for disk. */
    private void enter() throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("SELECT set_config('search_path', '" + schema + "', true), set_config('synchronous_commit', 'off', true)");
        }
        inTransaction = Math.max(inTransaction, 0);
    }

    private void commit() throws SQLException {
        flush();
        target.commit();
        inTransaction = 0;
    }

    /** Applies the current transaction's search_path again (after the caller committed or rolled back). */
    void reenter() throws SQLException {
        inTransaction = 0;
        enter();
    }

    @Override
    public void close() {
        projections.close();
    }
}
