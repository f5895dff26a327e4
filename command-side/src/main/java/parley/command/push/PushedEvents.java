package parley.command.push;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node has pushed already, so that a record the stream repeats is pushed once: the idempotent
 * half of "at least once" (ADR 0021). The topic repeats records by design: the publisher sends a whole
 * batch again when Kafka's acknowledgement did not come in time (the records may well be stored), and a
 * consumer re-reads from its last committed offset after a rebalance. A CPU-starved node does both.
 *
 * <p>Messages are remembered as each chat's highest pushed {@code seq}: a chat's messages are on one
 * partition in seq order (one aggregate appends them, and the publisher keeps the store's order), so a
 * message at or below that mark was pushed to every session that was here then, and a session that
 * connected since reads it from history by {@code afterSeq}. Other events (receipts, edits, membership,
 * devices) have no seq of their own and are remembered by their CloudEvents id, which is the stored
 * event's id and the same in every copy of the record.
 *
 * <p>Both memories are bounded (sizes and idle expiry in {@link PushDedupProperties}); a chat or id that
 * was forgotten pushes its next record, so the bound costs at worst a repeat, never a loss.
 */
final class PushedEvents {

    private final Cache<UUID, AtomicLong> highestSeqByChat;
    private final Cache<String, Boolean> eventIds;

    PushedEvents(PushDedupProperties properties) {
        this.highestSeqByChat = Caffeine.newBuilder().maximumSize(properties.chats())
                .expireAfterAccess(properties.forgetAfter()).build();
        this.eventIds = Caffeine.newBuilder().maximumSize(properties.eventIds())
                .expireAfterAccess(properties.forgetAfter()).build();
    }

    /** @return true, and remembers it, if no message of this chat at or above {@code seq} was pushed here */
    boolean firstPushOfMessage(UUID chatId, long seq) {
        AtomicLong highest = highestSeqByChat.get(chatId, id -> new AtomicLong(Long.MIN_VALUE));
        long seen = highest.get();
        while (seq > seen) {
            if (highest.compareAndSet(seen, seq)) {
                return true;
            }
            seen = highest.get();
        }
        return false;
    }

    /** @return true, and remembers it, if the event with this CloudEvents id was not pushed here */
    boolean firstPushOfEvent(String eventId) {
        return eventIds.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }
}
