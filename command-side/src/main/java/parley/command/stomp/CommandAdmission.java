package parley.command.stomp;

import java.security.Principal;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import parley.command.overload.OverloadGuard;
import parley.edge.ratelimit.Decision;
import parley.edge.ratelimit.LimitClass;
import parley.edge.ratelimit.RateLimiter;

/**
 * Whether a command may run now. Every command counts against one of the sender's rate limits (its
 * handler's {@link StompMapping#limit()}); sends are also refused, after the rate limit, while this
 * node's delivery lags ({@link OverloadGuard}). Receipts and the rest still pass then: they are what
 * lets clients catch up.
 */
@Component
class CommandAdmission {

    private final RateLimiter rateLimiter;
    private final OverloadGuard overload;

    CommandAdmission(RateLimiter rateLimiter, OverloadGuard overload) {
        this.rateLimiter = rateLimiter;
        this.overload = overload;
    }

    void admit(LimitClass limit, Principal sender) {
        if (sender != null) {
            Decision decision = rateLimiter.acquire(limit, sender.getName());
            if (!decision.allowed()) {
                throw RetryLaterException.rateLimited(decision);
            }
        }
        if (limit == LimitClass.SEND) {
            OptionalLong retryAfterMs = overload.retryAfterMs();
            if (retryAfterMs.isPresent()) {
                throw RetryLaterException.overloaded(retryAfterMs.getAsLong());
            }
        }
    }
}
