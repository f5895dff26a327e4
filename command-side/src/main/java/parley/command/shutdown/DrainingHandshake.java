package parley.command.shutdown;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/** Answers a WebSocket handshake on a draining node with 503 and the reason, before any upgrade. */
@Component
public class DrainingHandshake implements HandshakeInterceptor {

    private final AcceptingSessions accepting;

    DrainingHandshake(AcceptingSessions accepting) {
        this.accepting = accepting;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        if (accepting.accepting()) {
            return true;
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getBody().write(AcceptingSessions.DRAINING.getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
    }
}
