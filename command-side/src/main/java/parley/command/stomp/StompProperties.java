package parley.command.stomp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFrameBytes largest inbound STOMP frame; larger frames close the connection
 * @param allowedOrigins origin patterns allowed to open the WebSocket
 */
@ConfigurationProperties("parley.stomp")
record StompProperties(int maxFrameBytes, List<String> allowedOrigins) {
}
