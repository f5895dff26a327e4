package parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording's CPU samples ({@code jdk.ExecutionSample}): by method where
 * the sample was taken (self time) and by the first Parley frame on the stack (which of Parley's
 * steps the CPU was spent under). How issue 14's "top frames before and after" are printed:
 * {@code java -cp ops/bench/target/parley-bench.jar parley.bench.report.JfrTop platform-1.jfr [rows] [--window SCENARIO]}.
 * With {@code --window} only the samples taken while that scenario ran count (its times come from the
 * run's {@code scenario-windows.tsv} beside the recording): the accounts' set-up, BCrypt by design,
 * is left out.
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTop RECORDING.jfr [rows] [--window SCENARIO]");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        int rows = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 20;
        int window = List.of(args).indexOf("--window");
        Window between = window < 0 ? Window.ALWAYS : Window.of(recording.resolveSibling("scenario-windows.tsv"), args[window + 1]);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> selfPackages = new HashMap<>();
        Map<String, Integer> underParley = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || !between.holds(event.getStartTime())) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            RecordedMethod top = frames.get(0).getMethod();
            self.merge(name(top), 1, Integer::sum);
            selfPackages.merge(packageOf(top), 1, Integer::sum);
            underParley.merge(frames.stream().map(RecordedFrame::getMethod).filter(JfrTop::isParley).findFirst()
                    .map(JfrTop::name).orElse("(no Parley frame)"), 1, Integer::sum);
        }
        System.out.printf("%d CPU samples in %s%s%n", samples, args[0], window < 0 ? "" : " while " + args[window + 1] + " ran");
        print("self time by method", self, samples, rows);
        print("self time by package", selfPackages, samples, rows);
        print("first Parley frame on the stack", underParley, samples, rows);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.printf("%n| %s | samples | share |%n|---|---:|---:|%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(entry -> System.out.printf("| `%s` | %d | %.1f %% |%n", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / samples));
    }

    /** The time a scenario ran. */
    private record Window(Instant start, Instant end) {
        static final Window ALWAYS = new Window(Instant.MIN, Instant.MAX);

        static Window of(Path windows, String scenario) throws IOException {
            return Files.readAllLines(windows).stream().map(line -> line.split("\t")).filter(parts -> parts[0].equals(scenario))
                    .findFirst().map(parts -> new Window(Instant.parse(parts[1]), Instant.parse(parts[2])))
                    .orElseThrow(() -> new IllegalArgumentException(windows + " has no scenario " + scenario));
        }

        boolean holds(Instant time) {
            return !time.isBefore(start) && !time.isAfter(end);
        }
    }

    private static boolean isParley(RecordedMethod method) {
        return method.getType().getName().startsWith("parley.");
    }

    private static String name(RecordedMethod method) {
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    /** The first three segments: enough to tell Jackson from Kafka from PostgreSQL's driver. */
    private static String packageOf(RecordedMethod method) {
        String[] parts = method.getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }
}
