package parley.bench.crash;

import java.util.UUID;

/** One message as the event store or the read tables hold it; {@code clientMessageId} may be null in old read rows. */
public record StoredMessage(UUID chatId, long seq, UUID messageId, String clientMessageId) {
}
