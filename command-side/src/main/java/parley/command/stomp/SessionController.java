package parley.command.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/**
 * {@code SEND /app/session.ping}: answered with {@code Pong} on the replies queue. Frames of a
 * session are handled in order, so a pong also confirms that earlier subscriptions are in place.
 */
@Controller
class SessionController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;

    SessionController(CommandReplies replies, CommandPayloads payloads) {
        this.replies = replies;
        this.payloads = payloads;
    }

    @MessageMapping("session.ping")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object ping(Message<?> message) {
        return replies.execute(message, body -> new Replies.Pong("Pong",
                payloads.as(body, StompRequests.Ping.class).clientCommandId()));
    }
}
