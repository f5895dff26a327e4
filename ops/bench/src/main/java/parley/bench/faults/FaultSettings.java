package parley.bench.faults;

import java.time.Duration;
import parley.local.Patience;

/**
 * The load beside each fault: {@code pairs} pairs of SDK clients (each pair a private chat, everyone in one group),
 * each client sending in turn private and group messages with {@code pause} between; {@code acknowledgedBefore}
 * acknowledged sends before the fault, {@code acknowledgedAfter} of sends started after the heal. Counted, not
 * timed: the bounds only end a run that does not progress ({@code loadTimeout} for the counts, as the longest they may
 * stop growing, and for the readiness after the heal; {@code settleTimeout} for
 * the deliveries of the sends after the heal and the read tables, {@code catchUpTimeout} for the deliveries of the
 * sends before the heal, reported not asserted).
 */
public record FaultSettings(int pairs, Duration pause, int acknowledgedBefore, int acknowledgedAfter, Duration loadTimeout,
        Duration settleTimeout, Duration catchUpTimeout) {

    /** What CI runs: 10 pairs, a few hundred acknowledged sends per fault. */
    public static FaultSettings ci() {
        return new FaultSettings(10, Duration.ofMillis(100), 150, 150, Patience.scaled(Duration.ofMinutes(2)),
                Patience.scaled(Duration.ofMinutes(2)), Patience.scaled(Duration.ofSeconds(30)));
    }

    /** The full suite (by hand, {@code -Pfaults} or {@code run-all faults}): more clients and messages per fault. */
    public static FaultSettings full() {
        return new FaultSettings(20, Duration.ofMillis(100), 400, 400, Patience.scaled(Duration.ofMinutes(3)),
                Patience.scaled(Duration.ofMinutes(3)), Patience.scaled(Duration.ofSeconds(60)));
    }

    public String describe() {
        return String.format("%d SDK clients (%d private chats and one group of all), a send every %d ms each, %d acknowledged "
                + "before each fault and %d after its heal", pairs * 2, pairs, pause.toMillis(), acknowledgedBefore,
                acknowledgedAfter);
    }
}
