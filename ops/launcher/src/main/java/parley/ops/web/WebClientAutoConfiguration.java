package parley.ops.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.context.annotation.Import;

/**
 * Serves the web client (module {@code clients/web}, on the class path under {@code parley-web/}) from
 * the platform's own origin, so its CSP ({@code 'self'} only) covers the page, its API calls and its socket.
 * An auto-configuration because the launcher runs the services' application classes, which do not scan
 * this package.
 */
@AutoConfiguration
@ConditionalOnResource(resources = WebClientFiles.INDEX)
@Import({WebClientFiles.class, WebClientSecurity.class})
public class WebClientAutoConfiguration {
}
