package parley.command.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gracePeriod how long a node may take from SIGTERM (its context closing) until its pools are
 *     closed; every shutdown step is bounded by what is left of it
 * @param quietPeriod how long no STOMP frame may have been handled or sent before the node closes
 *     its sessions: frames a client sent before it saw {@code Reconnect} are still answered
 */
@ConfigurationProperties("parley.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration gracePeriod, @DefaultValue("500ms") Duration quietPeriod) {
}
