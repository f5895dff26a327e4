package parley.query.chat;

import java.time.Instant;
import java.util.UUID;
import parley.api.Envelope;

/**
 * A message of a history page; the envelope is emitted as the raw JSON the sender gave, and is null
 * for a redacted message (a tombstone that keeps its place in the seq order).
 */
record MessageView(UUID messageId, UUID chatId, long seq, UUID senderId, Envelope envelope, Instant sentAt, Instant editedAt,
        boolean redacted) {
}
