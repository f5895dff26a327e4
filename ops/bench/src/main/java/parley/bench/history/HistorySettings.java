package parley.bench.history;

import java.time.Duration;

/**
 * How big the history scenario is.
 *
 * @param messages messages in the one chat (the first sent for real, the rest seeded)
 * @param pageSize messages per page ({@code limit})
 * @param readers concurrent readers, each in a closed loop
 * @param warmUp reads before measuring (plans cached, connections and pages warm)
 * @param measured how long the measured reads run
 */
public record HistorySettings(long messages, int pageSize, int readers, Duration warmUp, Duration measured) {

    public HistorySettings {
        if (pageSize < 1 || pageSize > 200 || messages <= pageSize || readers < 1) {
            throw new IllegalArgumentException("need 1..200 per page, more messages than a page and a reader");
        }
    }

    /** 1,000,000 messages, pages of 50, 4 readers for 30 s after 5 s of warm-up. */
    public static HistorySettings full() {
        return new HistorySettings(1_000_000, 50, 4, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** 10,000 messages and 2 s of reads: a few seconds, to check the scenario works. */
    public static HistorySettings smoke() {
        return new HistorySettings(10_000, 50, 4, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    /** The smallest {@code beforeSeq} that still has a full page below it. */
    public long lowestBeforeSeq() {
        return pageSize + 1L;
    }
}
