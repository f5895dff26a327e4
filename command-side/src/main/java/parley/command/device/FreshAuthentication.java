package parley.command.device;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import parley.command.auth.AccessTokens;

/**
 * Changing which devices can read a user's messages needs a recent password login, not just a valid
 * access token: a stolen token (or a refresh token, whose refreshes keep the login's {@code auth_time})
 * cannot enrol the thief's device. A refusal is the step-up challenge of RFC 9470: 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=...} and problem
 * details of type {@value #TYPE}, so a client knows to ask for the password again.
 */
@Component
class FreshAuthentication {

    static final String TYPE = "urn:parley:problem:fresh-authentication-required";

    private final Duration maxAge;
    private final Clock clock;

    FreshAuthentication(DeviceLimits limits, Clock clock) {
        this.maxAge = limits.freshAuthMaxAge();
        this.clock = clock;
    }

    void require(Jwt token) {
        Optional<Instant> authTime = AccessTokens.authTime(token);
        Instant now = clock.instant();
        if (authTime.isEmpty() || authTime.get().plus(maxAge).isBefore(now) || authTime.get().isAfter(now.plusSeconds(60))) {
            throw required();
        }
    }

    private ErrorResponseException required() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "changing devices needs a password login within the last " + maxAge.toSeconds() + " seconds; log in again");
        problem.setType(URI.create(TYPE));
        problem.setTitle("Fresh authentication required");
        problem.setProperty("maxAge", maxAge.toSeconds());
        ErrorResponseException refusal = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
        refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"a recent password login is required\", max_age=" + maxAge.toSeconds());
        return refusal;
    }
}
