package parley.edge.headers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every response; the default
 *     allows only this origin's own scripts, styles and sockets, and no framing
 * @param referrerPolicy the {@code Referrer-Policy}: chat and user ids in URLs must not leak to
 *     other sites
 * @param hstsMaxAge how long browsers keep to HTTPS after an HTTPS response ({@code 0} switches HSTS off)
 */
@ConfigurationProperties("parley.edge.headers")
public record SecurityHeadersProperties(
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'")
        String contentSecurityPolicy,
        @DefaultValue("no-referrer") String referrerPolicy,
        @DefaultValue("365d") Duration hstsMaxAge) {
}
