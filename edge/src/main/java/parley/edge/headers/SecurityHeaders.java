package parley.edge.headers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening headers on every response, including errors, rate-limit refusals and paths
 * no security filter chain matches: the filter runs first, before anything can answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public class SecurityHeaders extends OncePerRequestFilter {

    private final SecurityHeadersProperties properties;

    SecurityHeaders(SecurityHeadersProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", properties.contentSecurityPolicy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", properties.referrerPolicy());
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        // Only over TLS: browsers ignore HSTS on plain HTTP, and a laptop's http://localhost must keep working.
        if (request.isSecure() && !properties.hstsMaxAge().isZero()) {
            response.setHeader("Strict-Transport-Security",
                    "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
