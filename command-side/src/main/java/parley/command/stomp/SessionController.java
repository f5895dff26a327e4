package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final CommandPayloads payloads;
    private final CommandReplies replies;

    SessionController(CommandPayloads payloads, CommandReplies replies) {
        this.payloads = payloads;
        this.replies = replies;
    }

    @MessageMapping("session.ping")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object ping(Message<?> message) {
        JsonNode body = null;
        try {
            body = payloads.read(message);
            return new Replies.Pong("Pong", CommandPayloads.optionalText(body, "clientCommandId"));
        } catch (RuntimeException e) {
            return replies.rejection(body, e);
        }
    }
}
