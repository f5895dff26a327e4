package parley.edge.breaker;

import java.time.Duration;

/**
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param windowSize calls the failure rate is computed over
 * @param minimumCalls no decision before so many calls
 * @param openDuration how long the breaker stays open before it lets trial calls through
 */
public record BreakerSettings(float failureRateThreshold, int windowSize, int minimumCalls, Duration openDuration) {
}
