package parley.edge.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import parley.edge.clientip.ClientAddress;

/**
 * Login attempts per user name and client address, counted before the password is checked, so
 * guessing is slowed for existing and unknown names alike and the answer does not tell them apart.
 * Keyed by both: one address cannot try many passwords on one name, and an attacker cannot lock a
 * victim out from everywhere by failing on purpose.
 */
@Component
public class LoginThrottle {

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;

    LoginThrottle(RateLimiter limiter, ClientAddress clientAddress) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    /**
     * Counts an attempt of the current HTTP request (taken from Spring MVC's request context, so a
     * controller needs one call and no extra parameters).
     *
     * @throws RateLimitExceededException a 429 problem, once the attempts are used up
     */
    public void check(String username) {
        ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = current.getRequest();
        Decision decision = limiter.acquire(LimitClass.LOGIN, clientAddress.keyOf(request) + ":" + digest(username));
        RateLimitResponses.applyHeaders(current.getResponse(), decision);
        if (!decision.allowed()) {
            throw new RateLimitExceededException(decision, "too many login attempts for this user name");
        }
    }

    /** User names are not stored in Redis in the clear, and keys stay short whatever is sent. */
    private static String digest(String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(username).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
