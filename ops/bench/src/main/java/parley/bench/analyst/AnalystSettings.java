package parley.bench.analyst;

import parley.bench.Size;

/**
 * The analyst scenario's sizes: {@code events} in a fresh event store, the last {@code chatEvents}
 * of them one busy group that {@code state --at} replays; {@code heap} is every command's {@code -Xmx}
 * (issue 13's bound, as {@code ./parley analyst} runs them).
 */
public record AnalystSettings(long events, long chatEvents, String heap) {

    public static AnalystSettings of(Size size) {
        return size == Size.FULL ? new AnalystSettings(1_000_000, 100_000, "256m") : new AnalystSettings(3_000, 1_000, "256m");
    }
}
