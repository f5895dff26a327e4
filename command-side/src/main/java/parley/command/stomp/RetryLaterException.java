package parley.command.stomp;

import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.ratelimit.Decision;

/** A command not admitted: nothing was done, and the same command may be sent again after {@link #retryAfterMs()}. */
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

    long retryAfterMs() {
        return retryAfterMs;
    }
}
