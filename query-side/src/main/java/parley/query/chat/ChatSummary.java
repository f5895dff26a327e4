package parley.query.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of {@code GET /api/chats}. {@code peerId} is set for private chats; {@code title} is the
 * peer's display name or the group's name.
 */
record ChatSummary(UUID chatId, String type, UUID peerId, String title, int membersCount, long lastSeq, long unreadCount,
        Instant lastActivityAt) {
}
