package parley.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's delivery receipts, coalesced as a real client does: at most one {@code chat.delivered} per chat per
 * window, carrying the highest seq seen. The first message after a quiet window is acknowledged at once; later
 * ones wait for {@link #due} at the end of the window. Time is passed in (nanoseconds), so this is pure.
 */
public final class ReceiptCoalescer {

    /** A receipt to send: {@code /app/chat.delivered {"chatId","upToSeq"}}. */
    public record Receipt(String chatId, long upToSeq) {
    }

    private final long windowNanos;
    private final Map<String, State> chats = new HashMap<>();

    public ReceiptCoalescer(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** A message arrived; returns the receipt to send now, or null if it waits for {@link #due}. */
    public synchronized Receipt received(String chatId, long seq, long nowNanos) {
        State state = chats.computeIfAbsent(chatId, id -> new State());
        state.highestSeen = Math.max(state.highestSeen, seq);
        if (state.highestSeen <= state.highestSent) {
            return null;
        }
        if (state.neverSent || nowNanos - state.lastSentNanos >= windowNanos) {
            return state.send(chatId, nowNanos);
        }
        return null;
    }

    /** The receipts whose window has passed with a higher seq waiting; call it a few times per window. */
    public synchronized List<Receipt> due(long nowNanos) {
        List<Receipt> due = new ArrayList<>();
        chats.forEach((chatId, state) -> {
            if (state.highestSeen > state.highestSent && nowNanos - state.lastSentNanos >= windowNanos) {
                due.add(state.send(chatId, nowNanos));
            }
        });
        return due;
    }

    private static final class State {
        long highestSeen;
        long highestSent;
        long lastSentNanos;
        boolean neverSent = true;

        Receipt send(String chatId, long nowNanos) {
            highestSent = highestSeen;
            lastSentNanos = nowNanos;
            neverSent = false;
            return new Receipt(chatId, highestSent);
        }
    }
}
