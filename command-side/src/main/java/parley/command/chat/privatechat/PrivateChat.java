package parley.command.chat.privatechat;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import parley.api.ChatType;
import parley.api.UserPair;
import parley.api.message.MessageCommands.EditPrivateMessage;
import parley.api.message.MessageCommands.RedactPrivateMessage;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.RecentMessages;
import parley.command.chat.RecentSends;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * The conversation of one unordered pair of users. It decides the per-chat {@code seq} and
 * recognises retried sends; it holds nothing else.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "privateChatCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PrivateChat {

    @AggregateIdentifier
    private UUID chatId;
    private UUID participantLow;
    private UUID participantHigh;
    private long lastSeq;
    private RecentSends recentSends = new RecentSends();
    private RecentMessages recentMessages = new RecentMessages();

    protected PrivateChat() {
        // required by Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MessageAccepted handle(SendPrivateMessage command, Clock clock) {
        PrivateMessageRules.validate(command);
        if (chatId == null) {
            UserPair pair = UserPair.of(command.senderId(), command.recipientId());
            apply(new PrivateChatStarted(command.chatId(), pair.low(), pair.high(), clock.instant()));
        } else {
            requireParticipant(command.senderId());
            requireParticipant(command.recipientId());
        }
        MessageAccepted earlier = recentSends.find(command.senderId(), command.clientMessageId());
        if (earlier != null) {
            return earlier;
        }
        long seq = lastSeq + 1;
        Instant now = clock.instant();
        apply(new PrivateMessageSent(command.chatId(), command.messageId(), seq, command.senderId(),
                command.recipientId(), command.clientMessageId(), command.envelope(), now));
        return new MessageAccepted(command.chatId(), command.messageId(), seq);
    }

    @CommandHandler
    public void handle(EditPrivateMessage command, Clock clock) {
        requireParticipant(command.editorId());
        if (recentMessages.requireEditable(command.seq(), command.editorId(), command.envelope())) {
            apply(new MessageEdited(chatId, ChatType.PRIVATE, command.seq(), command.editorId(), command.envelope(),
                    recentMessages.editTime(command.seq(), clock.instant())));
        }
    }

    @CommandHandler
    public void handle(RedactPrivateMessage command, Clock clock) {
        requireParticipant(command.redactorId());
        if (recentMessages.requireRedactable(command.seq(), command.redactorId(), false)) {
            apply(new MessageRedacted(chatId, ChatType.PRIVATE, command.seq(), command.redactorId(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(PrivateChatStarted event) {
        chatId = event.chatId();
        participantLow = event.participantLow();
        participantHigh = event.participantHigh();
    }

    @EventSourcingHandler
    void on(PrivateMessageSent event) {
        lastSeq = event.seq();
        recentSends.remember(event.senderId(), event.clientMessageId(),
                new MessageAccepted(event.chatId(), event.messageId(), event.seq()));
        recentMessages.sent(event.seq(), event.senderId());
    }

    @EventSourcingHandler
    void on(MessageEdited event) {
        recentMessages.edited(event.seq(), event.envelope(), event.editedAt());
    }

    @EventSourcingHandler
    void on(MessageRedacted event) {
        recentMessages.redacted(event.seq());
    }

    private void requireParticipant(UUID userId) {
        if (!isParticipant(userId)) {
            throw new CommandRejectedException(RejectionCode.NOT_A_PARTICIPANT, "you are not a participant of this chat");
        }
    }

    private boolean isParticipant(UUID userId) {
        return userId.equals(participantLow) || userId.equals(participantHigh);
    }
}
