package parley.analyst.rebuild;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import parley.analyst.EventPayloads;
import parley.analyst.Progress;
import parley.projections.generation.ReadModel;
import parley.projections.generation.ReadModel.Generation;

/**
 * Builds the next read-model generation beside the live one and switches to it, under live traffic:
 * <ol>
 *   <li>creates {@code read_g<N+1>} with the current layout and replays the whole event store into it;
 *   <li>catches up with the store's head;
 *   <li>verifies it against a second, independent replay into a scratch schema up to the same
 *       position (row counts and checksums of every column of every table), then drops the scratch;
 *   <li>switches in one transaction: locks the pointer (live projection transactions wait), applies
 *       the events appended since, repoints the {@code parley_read} views and the pointer, commits;
 *   <li>drops the previous generation if asked.
 * </ol>
 * It never writes to Kafka: connected clients see nothing of it. After the switch the live
 * projections write the new generation and re-apply, idempotently, whatever Kafka still delivers.
 */
public final class Rebuild {

    /** Attempts at equal checksums: a gap that fills between the two replays' reads differs once. */
    private static final int VERIFY_ATTEMPTS = 3;

    /**
     * @param previous the generation that was live
     * @param next the generation now live
     * @param position the store position the switch applied up to
     * @param replaySummary events, time, events/s and peak heap of the main replay
     */
    public record Result(Generation previous, Generation next, long position, long events, String replaySummary,
                         boolean previousDropped) {
    }

    /** Opens a new connection to the database of the event store and the read model. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final EventPayloads payloads;
    private final PrintStream err;

    public Rebuild(Connections connections, EventPayloads payloads, PrintStream err) {
        this.connections = connections;
        this.payloads = payloads;
        this.err = err;
    }

    public Result run(boolean dropPrevious) throws SQLException {
        try (Connection control = connections.open(); Connection source = connections.open();
                Connection target = connections.open()) {
            Generation live = ReadModel.active(control).orElseThrow(() -> new IllegalStateException(
                    "this database has no read-model generations yet: start the projections of this release once"));
            Generation next = live.next();
            control.setAutoCommit(true);
            ReadModel.drop(control, next.schema()); // what a failed run left behind
            control.setAutoCommit(false);
            ReadModel.createLayout(control, next.schema());
            control.commit();
            control.setAutoCommit(true);

            try (Replay replay = new Replay(source, target, next.schema(), payloads, Replay.Writes.COALESCED)) {
                long head = replay.head();
                Progress progress = Progress.onStandardError("rebuild " + next.schema(), head);
                replay.catchUp(head, true, progress);
                String summary = progress.finish();
                catchUp(replay);
                verify(control, replay, next);
                catchUp(replay);

                ReadModel.lockPointer(target);
                replay.reenter();
                long last = replay.head();
                replay.catchUp(last, false, null);
                replay.flush();
                ReadModel.switchTo(target, next);
                target.commit();
                err.printf("switched the read model from %s to %s at position %,d%n", live.schema(), next.schema(), last);

                if (dropPrevious) {
                    ReadModel.drop(control, live.schema());
                    err.printf("dropped the previous generation %s%n", live.schema());
                }
                return new Result(live, next, last, replay.applied(), summary, dropPrevious);
            }
        }
    }

    /** Drops a generation that is not live (a previous one kept after a rebuild). */
    public void drop(String schema) throws SQLException {
        try (Connection control = connections.open()) {
            control.setAutoCommit(true);
            ReadModel.drop(control, schema);
        }
    }

    /** Catches up until a pass finds little new, so the switch's transaction stays short. */
    private static void catchUp(Replay replay) throws SQLException {
        for (int pass = 0; pass < 10; pass++) {
            if (replay.catchUp(replay.head(), true, null) < 1_000) {
                return;
            }
        }
    }

    private void verify(Connection control, Replay replay, Generation next) throws SQLException {
        String scratch = scratchSchema();
        Map<String, List<String>> columns = Checksums.columnsOf(control, next.schema(), ReadModel.VIEW_COLUMNS.keySet());
        control.setAutoCommit(false);
        ReadModel.createLayout(control, scratch);
        control.commit();
        control.setAutoCommit(true);
        try (Connection source = connections.open(); Connection target = connections.open();
                Replay second = new Replay(source, target, scratch, payloads, Replay.Writes.PIPELINED)) {
            List<String> differences = List.of();
            for (int attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
                long position = replay.head();
                replay.catchUp(position, true, null);
                Progress progress = Progress.onStandardError("verify (second replay)", position);
                second.catchUp(position, true, progress);
                progress.finish();
                differences = Checksums.differences(control, next.schema(), scratch, columns, 5);
                if (differences.isEmpty()) {
                    err.printf("verified %s against a second replay up to position %,d: every table equal%n", next.schema(),
                            position);
                    return;
                }
            }
            differences.forEach(err::println);
            throw new VerificationFailed(next.schema() + " differs from a second replay; it was not switched to and is"
                    + " kept for inspection (the next rebuild replaces it)", differences);
        } finally {
            ReadModel.drop(control, scratch);
        }
    }

    static String scratchSchema() {
        return "read_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Two replays of the same events disagreed. */
    public static final class VerificationFailed extends IllegalStateException {

        private final transient List<String> differences;

        VerificationFailed(String message, List<String> differences) {
            super(message);
            this.differences = List.copyOf(differences);
        }

        public List<String> differences() {
            return differences;
        }
    }
}
