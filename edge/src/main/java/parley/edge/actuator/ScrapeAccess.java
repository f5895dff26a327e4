package parley.edge.actuator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import parley.edge.clientip.ClientAddress;
import parley.edge.clientip.IpRange;
import parley.edge.problem.ProblemResponses;

/**
 * Metrics say a lot about a service (traffic, users online, error rates, versions), so the scrape
 * endpoint answers only a configured scraper: by address, or by HTTP Basic credentials. Runs before
 * any other filter, whatever security chain the service has; other actuator endpoints than health
 * and Prometheus are not exposed at all ({@code management.endpoints.web.exposure.include}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
@EnableConfigurationProperties(ScrapeProperties.class)
class ScrapeAccess extends OncePerRequestFilter {

    static final String SCRAPE_PATH = "/actuator/prometheus";
    private static final String BASIC = "Basic ";

    private final List<IpRange> allowed;
    private final ScrapeProperties properties;
    private final ClientAddress clientAddress;
    private final ProblemResponses problems;

    ScrapeAccess(ScrapeProperties properties, ClientAddress clientAddress, ProblemResponses problems) {
        this.allowed = properties.allowedAddresses().stream().filter(range -> !range.isBlank()).map(IpRange::parse).toList();
        this.properties = properties;
        this.clientAddress = clientAddress;
        this.problems = problems;
    }

    /**
     * Judged on the path as the container decoded and normalised it (percent-escapes, dot segments,
     * double slashes and path parameters resolved), which is what routes the request, so no
     * spelling of the path slips past.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !path.startsWith(SCRAPE_PATH) && !request.getRequestURI().contains("prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowedAddress(clientAddress.of(request)) || validCredentials(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            chain.doFilter(request, response);
        } else if (properties.acceptsCredentials()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metrics\", charset=\"UTF-8\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "metrics are for the configured scraper only");
        } else {
            problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "metrics are for the configured scraper only");
        }
    }

    private boolean allowedAddress(InetAddress address) {
        return allowed.stream().anyMatch(range -> range.contains(address));
    }

    private boolean validCredentials(String authorization) {
        if (!properties.acceptsCredentials() || authorization == null || !authorization.startsWith(BASIC)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = (properties.username() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }
}
