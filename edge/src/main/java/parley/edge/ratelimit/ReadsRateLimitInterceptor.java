package parley.edge.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.web.servlet.HandlerInterceptor;
import parley.edge.problem.ProblemResponses;

/**
 * The per-user limit on authenticated reads. An interceptor runs after the security filters, so the
 * principal (the access token's subject, the user id) is known.
 */
class ReadsRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final ProblemResponses problems;

    ReadsRateLimitInterceptor(RateLimiter limiter, ProblemResponses problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        Principal user = request.getUserPrincipal();
        if (user == null || !isRead(request)) {
            return true;
        }
        Decision decision = limiter.acquire(LimitClass.READS, user.getName());
        if (!decision.allowed()) {
            RateLimitResponses.reject(request, response, decision, "too many reads", problems);
            return false;
        }
        RateLimitResponses.applyHeaders(response, decision);
        return true;
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }
}
