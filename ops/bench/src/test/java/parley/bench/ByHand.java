package parley.bench;

import java.net.URI;
import parley.bench.history.HistoryScenario;
import parley.bench.history.HistorySettings;
import parley.bench.sessions.IdleSessionsScenario;
import parley.bench.sessions.IdleSessionsSettings;

/** Runs one scenario against a platform started by hand: {@code ByHand <sessions|history> <smoke|full> <baseUrl> <jdbcUrl> <pid>}. */
public final class ByHand {

    public static void main(String[] args) throws Exception {
        boolean full = args[1].equals("full");
        Scenario scenario = args[0].equals("sessions")
                ? new IdleSessionsScenario(full ? IdleSessionsSettings.full() : IdleSessionsSettings.smoke())
                : new HistoryScenario(full ? HistorySettings.full() : HistorySettings.smoke());
        Target target = new Target(URI.create(args[2]), args[3], "postgres", "", Long.parseLong(args[4]));
        ScenarioResult result = scenario.run(target, new Progress(System.out));
        System.out.println(result.description());
        result.figures().forEach(f -> System.out.printf("  %-22s %12.2f %s%n", f.name(), f.value(), f.unit()));
        System.out.printf("  acknowledged %d lost %d duplicated %d errors %d%n", result.acknowledged(), result.lost(),
                result.duplicated(), result.errors());
        System.exit(0);
    }
}
