package parley.command.stomp;

import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.ratelimit.Decision;

/**
 * A command to send again, the same, after {@link #retryAfterMs()}: not admitted (nothing was done), or not known to be
 * stored because the event store was unreachable (a retry under the same client id is answered as the first).
 */
class RetryLaterException extends CommandRejectedException {

    private final long retryAfterMs;

    private RetryLaterException(RejectionCode code, String detail, long retryAfterMs) {
        super(code, detail);
        this.retryAfterMs = retryAfterMs;
    }

    static RetryLaterException rateLimited(Decision decision) {
        return new RetryLaterException(RejectionCode.RATE_LIMITED,
                "too many commands; retry in " + decision.retryAfterMillis() + " ms", decision.retryAfterMillis());
    }

    static RetryLaterException overloaded(long retryAfterMs) {
        return new RetryLaterException(RejectionCode.OVERLOADED,
                "this node is behind on delivery; retry in " + retryAfterMs + " ms", retryAfterMs);
    }

    static RetryLaterException unavailable(long retryAfterMs) {
        return new RetryLaterException(RejectionCode.UNAVAILABLE,
                "the event store is unreachable; send the same command again in " + retryAfterMs + " ms", retryAfterMs);
    }

    long retryAfterMs() {
        return retryAfterMs;
    }
}
