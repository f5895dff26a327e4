package parley.command.chat.privatechat;

import java.util.UUID;
import parley.api.Ids;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.MessageRules;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** The checks a private send must pass whatever the state of the chat. */
final class PrivateMessageRules {

    private PrivateMessageRules() {
    }

    static void validate(SendPrivateMessage command) {
        if (command.senderId() == null || command.recipientId() == null || command.messageId() == null) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "sender, recipient and message id are required");
        }
        requireDifferentUsers(command.senderId(), command.recipientId());
        if (!Ids.privateChatId(command.senderId(), command.recipientId()).equals(command.chatId())) {
            throw new CommandRejectedException(RejectionCode.NOT_A_PARTICIPANT, "you are not a participant of this chat");
        }
        MessageRules.validate(command.clientMessageId(), command.envelope());
    }

    /** A private chat is between two users; the controller asks first, so a self-send is told so before anything else. */
    static void requireDifferentUsers(UUID sender, UUID recipient) {
        if (sender.equals(recipient)) {
            throw new CommandRejectedException(RejectionCode.SELF_CHAT, "you cannot send a private message to yourself");
        }
    }
}
