package parley.edge.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Redis reply for a bounded time. Redisson's own time-out covers an answer that is late,
 * not a connection still being attempted (lazy initialisation, reconnects), so callers that must not
 * block a request thread wait on the asynchronous reply themselves.
 */
public final class RedisReplies {

    private RedisReplies() {
    }

    /** The reply, or {@link RedisUnavailableException} if Redis failed or did not answer within {@code timeout}. */
    public static <T> T await(CompletionStage<T> reply, Duration timeout) {
        CompletableFuture<T> future = reply.toCompletableFuture();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new RedisUnavailableException("Redis failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RedisUnavailableException("Redis did not answer within " + timeout.toMillis() + " ms", e);
        }
    }

    /** Redis failed or did not answer in time; a circuit breaker counts it as a failed call. */
    public static final class RedisUnavailableException extends RuntimeException {
        RedisUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
