package parley.bench.load;

import parley.bench.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import parley.bench.Progress;
import parley.bench.ScenarioResult;
import parley.bench.Target;
import parley.bench.report.LatencyPlot;
import parley.bench.report.ResultsJson;

/**
 * Runs one load scenario by hand against a platform that is already running (the orchestrator runs them in
 * the suite): {@code java -cp parley-bench.jar parley.bench.load.LoadMain http://127.0.0.1:8080 private|group10|group500
 * smoke|full [measuredSeconds] [closed:N|open:RATE]}; {@code -Dbench.noReceipts=true} switches delivery receipts off; with {@code -Dbench.out=<dir>} it also writes the results JSON
 * and the latency plot there.
 */
public final class LoadMain {

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadMain <baseUrl> private|group10|group500 smoke|full [measuredSeconds] [closed:N|open:RATE]");
            System.exit(2);
        }
        Size size = Size.valueOf(args[2].toUpperCase());
        LoadSettings settings = switch (args[1]) {
            case "private" -> LoadSettings.privateSends(size);
            case "group10" -> LoadSettings.groupFanOut(10, size);
            case "group500" -> LoadSettings.groupFanOut(500, size);
            default -> throw new IllegalArgumentException("unknown scenario " + args[1]);
        };
        if (args.length > 3) {
            settings = settings.withDurations(settings.warmUp(), Duration.ofSeconds(Long.parseLong(args[3])));
        }
        if (args.length > 4) {
            String[] mode = args[4].split(":");
            settings = settings.withMode(mode[0].equals("open") ? LoadMode.openLoop(Double.parseDouble(mode[1]))
                    : LoadMode.closedLoop(Integer.parseInt(mode[1])));
        }
        if (Boolean.getBoolean("bench.noReceipts")) {
            settings = settings.withDeliveryReceipts(false);
        }
        Target target = new Target(URI.create(args[0]), null, null, null, -1);
        ScenarioResult result = new LoadScenario(settings).run(target, new Progress(System.out));
        System.out.println(result.scenario() + ": " + result.description());
        result.figures().forEach(figure -> System.out.printf("  %-20s %12.2f %s%n", figure.name(), figure.value(), figure.unit()));
        System.out.printf("  acknowledged %d, lost %d, duplicated %d, errors %d%n", result.acknowledged(), result.lost(),
                result.duplicated(), result.errors());
        String out = System.getProperty("bench.out");
        if (out != null) {
            Path directory = Path.of(out);
            ResultsJson.write(directory.resolve(result.scenario() + ".json"), Map.of("by", "LoadMain", "baseUrl", args[0],
                    "at", Instant.now().toString()), List.of(result));
            System.out.println("wrote " + LatencyPlot.write(directory, result));
        }
    }
}
