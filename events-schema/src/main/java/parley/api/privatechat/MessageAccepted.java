package parley.api.privatechat;

import java.util.UUID;

/** Result of a send: the same values for the first attempt and for every retry of it. */
public record MessageAccepted(UUID chatId, UUID messageId, long seq) {
}
