package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;
import parley.command.user.UserDirectory;

/** {@code SEND /app/private.send}: a message to the private chat with {@code peerId}. */
@Controller
class PrivateMessageController {

    private final CommandPayloads payloads;
    private final CommandGateway commands;
    private final UserDirectory users;
    private final CommandReplies replies;

    PrivateMessageController(CommandPayloads payloads, CommandGateway commands, UserDirectory users, CommandReplies replies) {
        this.payloads = payloads;
        this.commands = commands;
        this.users = users;
        this.replies = replies;
    }

    @MessageMapping("private.send")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object send(Message<?> message, Principal principal) {
        JsonNode body = null;
        try {
            body = payloads.read(message);
            UUID sender = UUID.fromString(principal.getName());
            UUID peer = CommandPayloads.requiredUuid(body, "peerId");
            String clientMessageId = CommandPayloads.requiredText(body, "clientMessageId");
            Envelope envelope = Envelope.of(CommandPayloads.requiredObject(body, "envelope"));
            if (sender.equals(peer)) {
                throw new CommandRejectedException(RejectionCode.SELF_CHAT, "you cannot send a private message to yourself");
            }
            if (!users.exists(peer)) {
                throw new CommandRejectedException(RejectionCode.UNKNOWN_PEER, "no user has the id " + peer);
            }
            SendPrivateMessage command = new SendPrivateMessage(Ids.privateChatId(sender, peer), Ids.uuid7(), sender, peer,
                    clientMessageId, envelope);
            MessageAccepted accepted = commands.sendAndWait(command, 30, TimeUnit.SECONDS);
            return Replies.Accepted.of(clientMessageId, accepted);
        } catch (RuntimeException e) {
            return replies.rejection(body, e);
        }
    }
}
