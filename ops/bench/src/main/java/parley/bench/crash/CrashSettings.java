package parley.bench.crash;

import java.time.Duration;

/**
 * How hard the crash scenario loads the platform and when it kills it. The kill comes after a counted number of
 * acknowledgements, not after a time: on a slow day the platform is still killed under load, with as much history
 * behind it.
 *
 * @param pairs private chats (two users each)
 * @param concurrency sends in flight (closed loop)
 * @param ackedBeforeKill acknowledgements to wait for before the SIGKILL
 * @param ackedAfterRestart new sends the restarted platform must acknowledge before the load stops
 * @param loadTimeout how long either count may take before the scenario gives up on it (and reports it as errors)
 * @param readTimeout how long the read tables may take after the restart to hold every stored message
 */
public record CrashSettings(int pairs, int concurrency, long ackedBeforeKill, long ackedAfterRestart, Duration loadTimeout,
        Duration readTimeout) {

    public CrashSettings {
        if (pairs < 1 || concurrency < 1 || ackedBeforeKill < 1 || ackedAfterRestart < 1) {
            throw new IllegalArgumentException("need a chat, a send in flight and acknowledgements on both sides of the kill");
        }
    }

    /** Scenario (a)'s shape: 25 private chats, 32 in flight; killed after 10,000 acknowledgements, 2,000 after. */
    public static CrashSettings full() {
        return new CrashSettings(25, 32, 10_000, 2_000, Duration.ofMinutes(3), Duration.ofMinutes(3));
    }

    /** Seconds of load: 2 private chats, 4 in flight, killed after 200 acknowledgements, 50 after. */
    public static CrashSettings smoke() {
        return new CrashSettings(2, 4, 200, 50, Duration.ofMinutes(2), Duration.ofMinutes(3));
    }

    public String describe() {
        return String.format("%d users in %d private chats, sealed, closed loop of %d; SIGKILL after %,d acknowledged sends, "
                + "restart, unanswered sends retried under their ids, then %,d more", pairs * 2, pairs, concurrency,
                ackedBeforeKill, ackedAfterRestart);
    }
}
