package parley.edge.body;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody largest HTTP request body; every REST body is small JSON, so anything
 *     bigger is refused before it is read (STOMP frames have their own limit, {@code parley.stomp.max-frame-bytes})
 */
@ConfigurationProperties("parley.edge")
public record BodySizeProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}
