package parley.edge.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import parley.edge.clientip.ClientAddress;
import parley.edge.problem.ProblemResponses;

/**
 * The per-address limit on every API request and WebSocket handshake. It runs before Spring
 * Security, so a flood is refused before any token is parsed or password hashed.
 */
class ClientIpRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final ProblemResponses problems;

    ClientIpRateLimitFilter(RateLimiter limiter, ClientAddress clientAddress, ProblemResponses problems) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Decision decision = limiter.acquire(LimitClass.IP, clientAddress.keyOf(request));
        if (!decision.allowed()) {
            RateLimitResponses.reject(request, response, decision, "too many requests from your address", problems);
            return;
        }
        RateLimitResponses.applyHeaders(response, decision);
        chain.doFilter(request, response);
    }
}
