package parley.command.stomp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sweepInterval how often this node closes its STOMP sessions whose access token has expired
 *     (an idle session sends no frame on which to notice)
 */
@ConfigurationProperties("parley.session")
public record SessionProperties(Duration sweepInterval) {
}
