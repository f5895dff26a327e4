package parley.command.chat.message;

import static parley.edge.ratelimit.LimitClass.SEND;

import java.security.Principal;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.message.MessageCommands;
import parley.command.chat.membership.ChatDirectory;
import parley.command.chat.message.MessageChangeRequests.EditMessage;
import parley.command.chat.message.MessageChangeRequests.RedactMessage;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.stomp.Commands;
import parley.command.stomp.Replies;
import parley.command.stomp.StompMapping;

/**
 * {@code SEND /app/chat.edit} and {@code /app/chat.redact}: changing a message already sent, in a
 * private chat or a group; the chat's aggregate decides who may.
 */
@Controller
class MessageChangeController {

    private final Commands commands;
    private final ChatDirectory chats;
    private final EncryptedEnvelopes envelopes;

    MessageChangeController(Commands commands, ChatDirectory chats, EncryptedEnvelopes envelopes) {
        this.commands = commands;
        this.chats = chats;
        this.envelopes = envelopes;
    }

    @StompMapping(value = "chat.edit", limit = SEND)
    Replies.CommandAccepted edit(EditMessage request, Principal principal) {
        UUID chatId = request.chatId();
        long seq = request.seq();
        Envelope envelope = request.messageEnvelope();
        UUID editor = Commands.userOf(principal);
        ChatType type = typeOf(chatId);
        envelopes.check(request.envelope(), editor, chats.members(chatId));
        commands.send(type == ChatType.GROUP
                ? new MessageCommands.EditGroupMessage(chatId, editor, seq, envelope)
                : new MessageCommands.EditPrivateMessage(chatId, editor, seq, envelope));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "chat.redact", limit = SEND)
    Replies.CommandAccepted redact(RedactMessage request, Principal principal) {
        UUID chatId = request.chatId();
        long seq = request.seq();
        UUID redactor = Commands.userOf(principal);
        commands.send(typeOf(chatId) == ChatType.GROUP
                ? new MessageCommands.RedactGroupMessage(chatId, redactor, seq)
                : new MessageCommands.RedactPrivateMessage(chatId, redactor, seq));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    private ChatType typeOf(UUID chatId) {
        return chats.head(chatId).map(ChatDirectory.ChatHead::type)
                .orElseThrow(() -> new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such chat"));
    }
}
