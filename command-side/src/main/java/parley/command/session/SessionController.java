package parley.command.session;

import static parley.edge.ratelimit.LimitClass.COMMANDS;

import org.springframework.stereotype.Controller;
import parley.command.session.SessionRequests.Ping;
import parley.command.stomp.StompMapping;

/**
 * {@code SEND /app/session.ping}: answered with {@code Pong} on the replies queue. Frames of a
 * session are handled in order, so a pong also confirms that earlier subscriptions are in place.
 */
@Controller
class SessionController {

    @StompMapping(value = "session.ping", limit = COMMANDS)
    Pong ping(Ping request) {
        return new Pong("Pong", request.clientCommandId());
    }

    record Pong(String type, String clientCommandId) {
    }
}
