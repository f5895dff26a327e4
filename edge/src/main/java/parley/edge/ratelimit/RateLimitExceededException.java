package parley.edge.ratelimit;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 429 problem with its {@code Retry-After} and {@code RateLimit-*} headers, thrown from a controller. */
public class RateLimitExceededException extends ErrorResponseException {

    RateLimitExceededException(Decision decision, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, RateLimitResponses.problem(decision, detail), null);
        RateLimitResponses.headers(decision).forEach((name, value) -> getHeaders().set(name, value));
    }
}
