package parley.command.stomp;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets the container hand over a WebSocket message in parts, so its per-session receive buffer can
 * stay small. Spring's STOMP decoder already buffers a frame until it is complete (it must for
 * transports that split frames), and it enforces the frame size limit.
 */
final class PartialMessages extends WebSocketHandlerDecorator {

    PartialMessages(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }
}
