package parley.command.stomp;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.user.UserDirectory;

/** {@code SEND /app/private.send}: a message to the private chat with {@code peerId}. */
@Controller
class PrivateMessageController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final Commands commands;
    private final UserDirectory users;
    private final EncryptedEnvelopes envelopes;

    PrivateMessageController(CommandReplies replies, CommandPayloads payloads, Commands commands, UserDirectory users,
            EncryptedEnvelopes envelopes) {
        this.replies = replies;
        this.payloads = payloads;
        this.commands = commands;
        this.users = users;
        this.envelopes = envelopes;
    }

    @MessageMapping("private.send")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object send(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.PrivateSend request = payloads.as(body, StompRequests.PrivateSend.class);
            UUID sender = Commands.userOf(principal);
            UUID peer = request.peerId();
            String clientMessageId = request.clientMessageId();
            Envelope envelope = request.messageEnvelope();
            if (sender.equals(peer)) {
                throw new CommandRejectedException(RejectionCode.SELF_CHAT, "you cannot send a private message to yourself");
            }
            if (!users.exists(peer)) {
                throw new CommandRejectedException(RejectionCode.UNKNOWN_PEER, "no user has the id " + peer);
            }
            envelopes.check(request.envelope(), sender, List.of(sender, peer));
            UUID messageId = Ids.uuid7();
            return Replies.Accepted.of(clientMessageId, commands.sendMessage(new SendPrivateMessage(
                    Ids.privateChatId(sender, peer), messageId, sender, peer, clientMessageId, envelope), messageId));
        });
    }
}
