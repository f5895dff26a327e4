package parley.edge.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import parley.edge.problem.ProblemResponses;

/**
 * How a limit shows in HTTP: {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the full limit is back) on every limited response, as in
 * the IETF httpapi-ratelimit-headers draft, and a 429 problem with {@code Retry-After} (seconds).
 */
final class RateLimitResponses {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String RETRY_AFTER = "Retry-After";

    private RateLimitResponses() {
    }

    static Map<String, String> headers(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT, String.valueOf(decision.limit()));
        headers.put(REMAINING, String.valueOf(decision.remaining()));
        headers.put(RESET, String.valueOf(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.put(RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        }
        return headers;
    }

    /**
     * Several limits apply to one request (per address, then per user); like the draft says, the
     * headers show the one closest to running out (a rejection always).
     */
    static void applyHeaders(HttpServletResponse response, Decision decision) {
        if (decision.source() == Decision.Source.NONE) {
            return;
        }
        String shown = response.getHeader(REMAINING);
        if (shown == null || !decision.allowed() || Long.parseLong(shown) >= decision.remaining()) {
            headers(decision).forEach(response::setHeader);
        }
    }

    static ProblemDetail problem(Decision decision, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                detail + "; retry in " + decision.retryAfterSeconds() + " s");
        problem.setTitle("Too Many Requests");
        return problem;
    }

    static void reject(HttpServletRequest request, HttpServletResponse response, Decision decision, String detail,
            ProblemResponses problems) throws IOException {
        ProblemDetail problem = problem(decision, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        headers(decision).forEach(response::setHeader);
        problems.write(response, problem);
    }
}
