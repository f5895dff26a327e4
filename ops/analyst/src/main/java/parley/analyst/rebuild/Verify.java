package parley.analyst.rebuild;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import parley.analyst.EventPayloads;
import parley.analyst.Progress;
import parley.projections.generation.ReadModel;
import parley.projections.generation.ReadModel.Generation;

/**
 * Compares the live generation with a fresh replay of the whole store into a scratch schema, over
 * the columns the query side sees ({@link ReadModel#VIEW_COLUMNS}), so an install still on an older
 * layout compares too.
 *
 * <p>The live tables are fed through Kafka and may trail the store by a moment. There is no store
 * position to stop at, so verify replays to the head, compares, and while they differ catches the
 * replay up to the new head and compares again until {@code settle} has passed: on a quiet
 * platform the first comparison decides; under traffic, a difference that lasts longer than
 * {@code settle} is reported.
 */
public final class Verify {

    private final Rebuild.Connections connections;
    private final EventPayloads payloads;
    private final PrintStream err;

    public Verify(Rebuild.Connections connections, EventPayloads payloads, PrintStream err) {
        this.connections = connections;
        this.payloads = payloads;
        this.err = err;
    }

    /** The differences (empty when the live tables equal the replay). */
    public List<String> run(Duration settle, int samples) throws SQLException {
        try (Connection control = connections.open()) {
            control.setAutoCommit(true);
            Generation live = ReadModel.active(control).orElseThrow(() -> new IllegalStateException(
                    "this database has no read-model generations yet: start the projections of this release once"));
            String scratch = Rebuild.scratchSchema();
            control.setAutoCommit(false);
            ReadModel.createLayout(control, scratch);
            control.commit();
            control.setAutoCommit(true);
            try (Connection source = connections.open(); Connection target = connections.open();
                    Replay replay = new Replay(source, target, scratch, payloads, Replay.Writes.DIRECT)) {
                long deadline = System.nanoTime() + settle.toNanos();
                long head = replay.head();
                Progress progress = Progress.onStandardError("verify " + live.schema(), head);
                replay.catchUp(head, true, progress);
                progress.finish();
                while (true) {
                    List<String> differences = Checksums.differences(control, live.schema(), scratch, ReadModel.VIEW_COLUMNS,
                            samples);
                    if (differences.isEmpty() || System.nanoTime() >= deadline) {
                        return differences;
                    }
                    pause();
                    replay.catchUp(replay.head(), true, null);
                }
            } finally {
                ReadModel.drop(control, scratch);
            }
        }
    }

    /** Gives the Kafka-fed live projections a moment before comparing again. */
    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
