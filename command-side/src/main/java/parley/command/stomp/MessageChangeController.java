package parley.command.stomp;

import java.security.Principal;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.message.MessageCommands;
import parley.command.chat.membership.ChatDirectory;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** {@code SEND /app/chat.edit} and {@code /app/chat.redact}: changing a message already sent. */
@Controller
class MessageChangeController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final Commands commands;
    private final ChatDirectory chats;
    private final EncryptedEnvelopes envelopes;

    MessageChangeController(CommandReplies replies, CommandPayloads payloads, Commands commands, ChatDirectory chats,
            EncryptedEnvelopes envelopes) {
        this.replies = replies;
        this.payloads = payloads;
        this.commands = commands;
        this.chats = chats;
        this.envelopes = envelopes;
    }

    @MessageMapping("chat.edit")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object edit(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.EditMessage request = payloads.as(body, StompRequests.EditMessage.class);
            UUID chatId = request.chatId();
            long seq = request.seq();
            Envelope envelope = request.messageEnvelope();
            UUID editor = Commands.userOf(principal);
            ChatType type = typeOf(chatId);
            envelopes.check(request.envelope(), editor, chats.members(chatId));
            return accepted(request.clientCommandId(), type == ChatType.GROUP
                    ? new MessageCommands.EditGroupMessage(chatId, editor, seq, envelope)
                    : new MessageCommands.EditPrivateMessage(chatId, editor, seq, envelope));
        });
    }

    @MessageMapping("chat.redact")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object redact(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.RedactMessage request = payloads.as(body, StompRequests.RedactMessage.class);
            UUID chatId = request.chatId();
            long seq = request.seq();
            UUID redactor = Commands.userOf(principal);
            return accepted(request.clientCommandId(), typeOf(chatId) == ChatType.GROUP
                    ? new MessageCommands.RedactGroupMessage(chatId, redactor, seq)
                    : new MessageCommands.RedactPrivateMessage(chatId, redactor, seq));
        });
    }

    private ChatType typeOf(UUID chatId) {
        return chats.head(chatId).map(ChatDirectory.ChatHead::type)
                .orElseThrow(() -> new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such chat"));
    }

    private Replies.CommandAccepted accepted(String clientCommandId, Object command) {
        commands.send(command);
        return Replies.CommandAccepted.of(clientCommandId);
    }
}
