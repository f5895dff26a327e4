package parley.bench.run;

import java.time.Duration;
import java.util.List;
import parley.bench.Scenario;
import parley.bench.Size;
import parley.bench.crash.CrashScenario;
import parley.bench.crash.CrashSettings;
import parley.bench.history.HistoryScenario;
import parley.bench.history.HistorySettings;
import parley.bench.load.LoadMode;
import parley.bench.load.LoadScenario;
import parley.bench.load.LoadSettings;
import parley.bench.sessions.IdleSessionsScenario;
import parley.bench.sessions.IdleSessionsSettings;

/**
 * The scenarios of a run in one size, under the names the report and the targets look for. The private sends' settings
 * are public: the soak (parley.bench.soak) measures its maximum and drives its open loop with the same ones.
 */
public final class Plan {

    private final Size size;

    Plan(Size size) {
        this.size = size;
    }

    Scenario privateMax() {
        return new LoadScenario(privateMax(size));
    }

    /** Scenario (a)'s closed loop, whose acknowledged rate is the machine's maximum. */
    public static LoadSettings privateMax(Size size) {
        return LoadSettings.privateSends(size).withName(RunResults.PRIVATE_MAX);
    }

    /** Scenario (a)'s users and chats in an open loop at {@code rate} msg/s. */
    public static LoadSettings privateOpenLoop(Size size, String name, double rate) {
        return LoadSettings.privateSends(size).withMode(LoadMode.openLoop(rate)).withName(name);
    }

    Scenario privateLatency(double rate) {
        return privateOpenLoop(RunResults.PRIVATE_LATENCY, rate);
    }

    /** Where the latency stands with headroom: half the maximum. */
    Scenario privateHalfRate(double maxRate) {
        return privateOpenLoop(RunResults.PRIVATE_HALF_RATE, maxRate / 2);
    }

    private Scenario privateOpenLoop(String name, double rate) {
        return new LoadScenario(privateOpenLoop(size, name, rate));
    }

    /** pgbench's client count: the sends scenario (a) keeps in flight. */
    int senders() {
        return LoadSettings.privateSends(size).mode().concurrency();
    }

    Duration baselineDuration() {
        return size == Size.FULL ? Duration.ofSeconds(30) : Duration.ofSeconds(3);
    }

    long kafkaRecords() {
        return size == Size.FULL ? 500_000 : 5_000;
    }

    /** Issue 14's crash under load, after the cold start (the platform restarts there anyway). */
    CrashScenario crash() {
        return new CrashScenario(size == Size.FULL ? CrashSettings.full() : CrashSettings.smoke());
    }

    List<Scenario> afterBaselines() {
        return List.of(
                new LoadScenario(LoadSettings.groupFanOut(10, size).withName(RunResults.GROUP_10)),
                new LoadScenario(LoadSettings.groupFanOut(500, size).withName(RunResults.GROUP_500)),
                new IdleSessionsScenario(size == Size.FULL ? IdleSessionsSettings.full() : IdleSessionsSettings.smoke()),
                new HistoryScenario(size == Size.FULL ? HistorySettings.full() : HistorySettings.smoke()));
    }
}
