package parley.analyst.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import parley.analyst.EventFilter;
import parley.analyst.EventPayloads;
import parley.analyst.StoredEvent;

/**
 * Streams one chat's events ({@link ChatEventReader}) in global-index order up to
 * a {@link PointInTime} and folds them into a {@link ChatState}. Memory is one fetch of rows plus the
 * state (O(members)), whatever the length of the chat.
 *
 * <p>The fold goes in global-index order, which is the order the projections saw: a chat's events,
 * receipts included, share one Kafka partition (keyed by chat id) and are published as they commit.
 */
public final class ChatReplay {

    private final Connection connection;
    private final EventPayloads payloads;

    public ChatReplay(Connection connection, EventPayloads payloads) {
        this.connection = connection;
        this.payloads = payloads;
    }

    /** The outcome: the state and what was read to make it. */
    public record Result(ChatState state, long events, long lastPosition, Instant lastEventAt) {
    }

    public Result run(UUID chatId, PointInTime bound, LongConsumer progress) throws SQLException {
        // Time is filtered here, not in SQL: a later event can have an earlier global index than an earlier one
        // (positions are taken at insert, times before), and the stored text is not guaranteed to sort as time.
        EventFilter filter = new EventFilter(null, bound.position(), null, bound.exclusiveTimeBound(), Set.of(), chatId.toString());
        Fold fold = new Fold(ChatState.empty(chatId), progress);
        new ChatEventReader(connection, payloads).read(chatId, bound.position(), event -> {
            if (filter.matchesTime(event.time())) {
                fold.accept(event);
            }
        });
        fold.flushProgress();
        return new Result(fold.state, fold.events, fold.lastPosition, fold.lastEventAt);
    }

    /**
     * About how many events the chat has: its aggregate's (an index lookup; receipts are not counted,
     * as counting them would scan as much as the replay), for the progress bar only.
     */
    public long estimate(UUID chatId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(max(sequencenumber) + 1, 0) FROM domainevententry WHERE aggregateidentifier = ?")) {
            statement.setString(1, chatId.toString());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private final class Fold {

        private static final int PROGRESS_EVERY = 1_000;

        private ChatState state;
        private final LongConsumer progress;
        private long events;
        private long unreported;
        private long lastPosition;
        private Instant lastEventAt;

        Fold(ChatState state, LongConsumer progress) {
            this.state = state;
            this.progress = progress;
        }

        void accept(StoredEvent stored) {
            state = state.apply(payloads.payload(stored));
            events++;
            lastPosition = stored.position();
            lastEventAt = lastEventAt == null || stored.time().isAfter(lastEventAt) ? stored.time() : lastEventAt;
            if (++unreported == PROGRESS_EVERY) {
                flushProgress();
            }
        }

        void flushProgress() {
            progress.accept(unreported);
            unreported = 0;
        }
    }
}
