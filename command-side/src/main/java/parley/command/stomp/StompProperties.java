package parley.command.stomp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFrameBytes largest inbound STOMP frame; larger frames close the connection
 * @param socketBufferBytes the WebSocket container's receive buffer per session (text in chars, binary in
 *     bytes), allocated when the session opens: a message larger than it arrives in parts that the STOMP
 *     decoder puts back together, up to {@code maxFrameBytes}
 * @param allowedOrigins origin patterns allowed to open the WebSocket
 * @param inboundThreads threads handling clients' frames (commands wait on Redis and PostgreSQL, so more than cores)
 * @param outboundThreads threads writing frames to clients
 */
@ConfigurationProperties("parley.stomp")
record StompProperties(int maxFrameBytes, int socketBufferBytes, List<String> allowedOrigins, int inboundThreads,
        int outboundThreads) {
}
