package parley.api.message;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import parley.api.Envelope;

/**
 * Changes to a message already sent. A command goes to one aggregate type, so each change exists
 * for private chats and for groups.
 */
public final class MessageCommands {

    private MessageCommands() {
    }

    public record EditPrivateMessage(@TargetAggregateIdentifier UUID chatId, UUID editorId, long seq, Envelope envelope) {
    }

    public record EditGroupMessage(@TargetAggregateIdentifier UUID groupId, UUID editorId, long seq, Envelope envelope) {
    }

    public record RedactPrivateMessage(@TargetAggregateIdentifier UUID chatId, UUID redactorId, long seq) {
    }

    public record RedactGroupMessage(@TargetAggregateIdentifier UUID groupId, UUID redactorId, long seq) {
    }
}
