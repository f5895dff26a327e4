package parley.edge.ratelimit;

/**
 * The answer to one request against a limit.
 *
 * @param limit requests allowed per period
 * @param remaining requests left right now
 * @param retryAfterMillis when a rejected request may be retried (0 when allowed)
 * @param resetMillis until the full limit is available again
 * @param source who decided
 */
public record Decision(boolean allowed, int limit, long remaining, long retryAfterMillis, long resetMillis, Source source) {

    public enum Source {
        /** The shared limiter: the limit holds across all nodes. */
        REDIS,
        /** This node's in-memory limiter, while Redis is unreachable. */
        LOCAL,
        /** Rate limiting is switched off. */
        NONE
    }

    static Decision unlimited() {
        return new Decision(true, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0, Source.NONE);
    }

    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(retryAfterMillis));
    }

    public long resetSeconds() {
        return ceilSeconds(resetMillis);
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
