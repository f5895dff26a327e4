package parley.command.chat.privatechat;

import parley.api.Ids;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;

/** The checks a send must pass whatever the state of the chat. */
final class PrivateMessageRules {

    static final int MAX_ENVELOPE_BYTES = 64 * 1024;
    static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 128;

    private PrivateMessageRules() {
    }

    static void validate(SendPrivateMessage command) {
        if (command.senderId() == null || command.recipientId() == null || command.messageId() == null
                || command.envelope() == null) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "sender, recipient, message id and envelope are required");
        }
        if (command.senderId().equals(command.recipientId())) {
            throw new CommandRejectedException(RejectionCode.SELF_CHAT, "you cannot send a private message to yourself");
        }
        if (!Ids.privateChatId(command.senderId(), command.recipientId()).equals(command.chatId())) {
            throw new CommandRejectedException(RejectionCode.NOT_A_PARTICIPANT, "you are not a participant of this chat");
        }
        String clientMessageId = command.clientMessageId();
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND,
                    "clientMessageId must be 1 to " + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
        }
        if (command.envelope().sizeInBytes() > MAX_ENVELOPE_BYTES) {
            throw new CommandRejectedException(RejectionCode.ENVELOPE_TOO_LARGE,
                    "envelope is larger than " + MAX_ENVELOPE_BYTES + " bytes");
        }
    }
}
