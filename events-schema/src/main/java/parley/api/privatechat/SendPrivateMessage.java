package parley.api.privatechat;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import parley.api.Envelope;

/**
 * Sends a message into the private chat of sender and recipient. {@code chatId} must be
 * {@link parley.api.Ids#privateChatId} of the pair; the message id is chosen by the server.
 */
public record SendPrivateMessage(
        @TargetAggregateIdentifier UUID chatId,
        UUID messageId,
        UUID senderId,
        UUID recipientId,
        String clientMessageId,
        Envelope envelope) {
}
