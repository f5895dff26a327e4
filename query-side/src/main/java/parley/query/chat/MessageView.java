package parley.query.chat;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import parley.api.Envelope;

/**
 * A message of a history page; the envelope is emitted as the raw JSON the sender gave, and is null
 * for a redacted message (a tombstone that keeps its place in the seq order). {@code clientMessageId}
 * is part of what an encrypted envelope is bound to, so readers need it to open the message.
 */
record MessageView(UUID messageId, UUID chatId, long seq, UUID senderId, String clientMessageId,
        // Held as JSON text but written as the object itself (@JsonRawValue), which the generated schema cannot see.
        @Schema(types = {"object", "null"}, description = "the end-to-end encrypted envelope v1 (docs/e2ee.md); null once redacted")
        Envelope envelope,
        Instant sentAt, Instant editedAt, boolean redacted) {
}
