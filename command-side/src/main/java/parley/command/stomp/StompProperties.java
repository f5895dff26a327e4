package parley.command.stomp;

import java.time.Duration;
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
 * @param heartBeat how often the node offers to send, and asks clients to send, a STOMP heart-beat (each side sends
 *     at the slower of what one offers and the other asks). The node closes a session it has heard nothing from for
 *     three of the client's intervals; a client does the same the other way. Without them neither side notices a
 *     connection that died without a close (a NAT that forgot it, a phone that lost its network): the client never
 *     reconnects and catches up, and the user stays online for everyone. Zero turns them off.
 */
@ConfigurationProperties("parley.stomp")
record StompProperties(int maxFrameBytes, int socketBufferBytes, List<String> allowedOrigins, int inboundThreads,
        int outboundThreads, Duration heartBeat) {
}
