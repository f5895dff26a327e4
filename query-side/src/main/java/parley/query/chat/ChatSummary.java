package parley.query.chat;

import java.time.Instant;
import java.util.UUID;

/** One entry of {@code GET /api/chats}. */
record ChatSummary(UUID chatId, String type, UUID peerId, long lastSeq, Instant lastActivityAt) {
}
