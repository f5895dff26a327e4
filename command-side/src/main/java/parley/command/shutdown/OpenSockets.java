package parley.command.shutdown;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * The WebSocket connections open on this node. STOMP knows sessions only by id; closing one with a
 * chosen close status (1012, service restart) needs the WebSocket session itself.
 */
final class OpenSockets implements WebSocketHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);
    private static final long POLL_MILLIS = 20;

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                open.put(session.getId(), session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                open.remove(session.getId());
                super.afterConnectionClosed(session, closeStatus);
            }
        };
    }

    int count() {
        return open.size();
    }

    /** Closes every connection with {@code status} and waits (at most {@code timeout}) until all are closed. */
    boolean closeAll(CloseStatus status, Duration timeout) {
        open.values().forEach(session -> close(session, status));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return open.isEmpty();
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not close WebSocket session {}", session.getId(), e);
        }
    }
}
