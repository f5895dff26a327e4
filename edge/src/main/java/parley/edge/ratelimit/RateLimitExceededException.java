package parley.edge.ratelimit;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A 429 problem thrown from a controller. Its {@code Retry-After} and {@code RateLimit-*} headers
 * are already set on the servlet response by whoever throws it: headers carried by the exception
 * would be added next to those the address filter set, not replace them.
 */
public class RateLimitExceededException extends ErrorResponseException {

    RateLimitExceededException(Decision decision, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, RateLimitResponses.problem(decision, detail), null);
    }
}
