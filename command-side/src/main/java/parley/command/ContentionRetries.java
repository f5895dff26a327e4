package parley.command;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;

/**
 * Retries a command that lost an optimistic-concurrency race on its aggregate, waiting a random
 * time below an exponentially growing bound ("full jitter"). Senders of one busy group fail together;
 * a fixed interval makes them collide again at every retry, while a jittered, growing wait spreads
 * them out, so the retries eventually win even through a slow pooled connection.
 */
final class ContentionRetries extends AbstractRetryScheduler {

    private final long firstBoundMillis;
    private final long maxBoundMillis;

    private ContentionRetries(Builder builder) {
        super(builder);
        this.firstBoundMillis = builder.firstBoundMillis;
        this.maxBoundMillis = builder.maxBoundMillis;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    protected long computeRetryInterval(CommandMessage commandMessage, RuntimeException lastFailure,
                                        List<Class<? extends Throwable>[]> failures) {
        return 1 + ThreadLocalRandom.current().nextLong(bound(failures.size()));
    }

    /** The bound for the given attempt: the first bound doubled per earlier failure, capped. */
    long bound(int failureCount) {
        int doublings = Math.min(Math.max(failureCount - 1, 0), 20);
        return Math.min(firstBoundMillis << doublings, maxBoundMillis);
    }

    static final class Builder extends AbstractRetryScheduler.Builder<Builder> {

        private long firstBoundMillis = 20;
        private long maxBoundMillis = 1_000;

        Builder firstBoundMillis(long millis) {
            this.firstBoundMillis = millis;
            return this;
        }

        Builder maxBoundMillis(long millis) {
            this.maxBoundMillis = millis;
            return this;
        }

        ContentionRetries build() {
            validate();
            return new ContentionRetries(this);
        }
    }
}
