package parley.bench.starvation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import parley.bench.Progress;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;
import parley.bench.run.Commit;
import parley.bench.run.Machine;

/**
 * {@code ops/bench/run-all starvation [smoke]} (issue 16): the platform starved of CPU under live chat, beside the
 * same load unstarved in the same run ({@link StarvationRun}). A full run writes the section "CPU starvation, latest
 * run" of docs/reliability.md, a smoke run (or one of another {@code --jar}) the same under ops/bench/target/. Exits with 1 if a session was pushed a
 * message twice or an acknowledged message never reached its recipient.
 */
public final class StarvationMain {

    static final String SECTION = "## CPU starvation, latest run";

    private StarvationMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args).stream().filter(a -> !a.equalsIgnoreCase("starvation"))
                .toList();
        Path root = Path.of("").toAbsolutePath();
        PlatformSettings platform = PlatformSettings.defaults(root);
        boolean smoke = arguments.contains("smoke");
        StarvationSettings settings = smoke ? StarvationSettings.smoke() : StarvationSettings.full();
        for (String argument : arguments) {
            if (argument.startsWith("--cpus=")) {
                settings = settings.withCpus(Double.parseDouble(argument.substring("--cpus=".length())));
            } else if (argument.startsWith("--stall=")) {
                settings = settings.withStall(Duration.ofSeconds(Long.parseLong(argument.substring("--stall=".length()))));
            } else if (argument.startsWith("--jar=")) {
                // another build of the platform (e.g. before a fix), measured by the same scenario
                platform = new PlatformSettings(Path.of(argument.substring("--jar=".length())).toAbsolutePath(), platform.heap(),
                        platform.jvmOptions(), platform.redisAddress());
            } else if (!List.of("smoke", "full").contains(argument)) {
                System.err.println("usage: run-all starvation [smoke|full] [--cpus=<cores>] [--stall=<seconds>] [--jar=<platform jar>]; unknown argument "
                        + argument);
                System.exit(2);
            }
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = root.resolve("ops/bench/target/starvation-" + stamp);
        Files.createDirectories(work);
        Machine machine = Machine.describe("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres");
        String commit = Commit.describe(root);
        StarvationResult result = new StarvationRun(settings, platform, work, new Progress(System.out)).run();
        result.summary().forEach(System.out::println);
        // Only this tree's own build is the repository's record; another jar's run stays under target/.
        boolean recorded = !smoke && arguments.stream().noneMatch(argument -> argument.startsWith("--jar="));
        Path markdown = recorded ? root.resolve("docs/reliability.md") : work.resolve("reliability.md");
        GeneratedDoc.RELIABILITY.writeSection(markdown, SECTION, section(result, settings, machine, commit, String.join(" ", arguments)));
        System.out.println("written to " + root.relativize(markdown));
        System.exit(result.passed() ? 0 : 1);
    }

    static String section(StarvationResult result, StarvationSettings settings, Machine machine, String commit, String arguments) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s UTC, commit %s, %s; `ops/bench/run-all starvation%s`. Decision: "
                        + "[ADR 0021](adr/0021-idempotent-live-push-under-starvation.md).%n%n",
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), commit,
                machine.oneLine(), arguments.isEmpty() ? "" : " " + arguments));
        text.append(String.format(Locale.ROOT, "%,d users in %,d private chats, one STOMP session each, %d sends in flight "
                        + "(closed loop, sealed envelopes of %d bytes), %d s per phase, then up to %d s for the last pushes. "
                        + "Both phases run on the same platform and sessions; in the starved one the platform's JVM gets %s "
                        + "while Kafka, PostgreSQL, Redis and the load generator keep the machine, and halfway through it is "
                        + "stopped outright (SIGSTOP, then SIGCONT) for %d s, as a stop-the-world collection with throttled GC "
                        + "threads or a descheduled host stops it. Lag is from the sender's "
                        + "acknowledgement to the recipient's push, both on the load generator's clock; a duplicate is a "
                        + "(chat, seq) pushed a second time to the same session over the whole run.%n%n",
                result.users(), result.chats(), settings.concurrency(), result.envelopeBytes(), settings.phase().toSeconds(),
                settings.drain().toSeconds(), result.confinement(), settings.stall().toSeconds()));
        List<StarvationResult.Phase> phases = result.phases();
        text.append("| figure |");
        phases.forEach(phase -> text.append(' ').append(phase.load().name()).append(" |"));
        text.append("\n|---|");
        phases.forEach(phase -> text.append("---:|"));
        text.append('\n');
        row(text, phases, "1-minute load average at the phase's end", phase -> format(phase.loadAverage()));
        row(text, phases, "sends (OVERLOADED resends included)", phase -> format(phase.load().sent()));
        row(text, phases, "acknowledged", phase -> format(phase.load().acked()));
        row(text, phases, "acknowledged per second", phase -> format(phase.load().acked() / phase.load().seconds()));
        row(text, phases, "answered OVERLOADED (and resent)", phase -> format(phase.load().overloaded()));
        row(text, phases, "other rejections", phase -> format(phase.load().rejected()));
        row(text, phases, "deliveries due", phase -> format(phase.load().expected()));
        row(text, phases, "**duplicated** (same chat and seq to one session)", phase -> format(phase.load().duplicated()));
        row(text, phases, "sessions that saw a duplicate", phase -> format(phase.load().sessionsWithDuplicates()));
        row(text, phases, "missing at the phase's end", phase -> format(phase.load().missing()));
        for (String percentile : List.of("p50", "p90", "p99", "max")) {
            row(text, phases, "ack → push " + percentile + " (ms)", phase -> format(phase.load().lag().percentilesMs().get(percentile)));
        }
        row(text, phases, "send → ack p99 (ms)", phase -> format(phase.load().ack().percentilesMs().get("p99")));
        row(text, phases, "sessions ended", phase -> format(phase.load().sessionsEnded()));
        for (String figure : PlatformMetrics.WATCHED.keySet()) {
            row(text, phases, "platform: " + figure, phase -> format(phase.platform().values().getOrDefault(figure, Double.NaN)));
        }
        text.append(String.format(Locale.ROOT, "%nAfter the platform had its CPU back: %,d of the starved phase's deliveries "
                + "missing. %s%n", result.missingAfterRelease(), result.passed() ? "Nothing duplicated, nothing lost."
                : "**Something was duplicated or lost.**"));
        return text.toString();
    }

    private static void row(StringBuilder text, List<StarvationResult.Phase> phases, String figure,
            java.util.function.Function<StarvationResult.Phase, String> value) {
        text.append("| ").append(figure).append(" |");
        phases.forEach(phase -> text.append(' ').append(value.apply(phase)).append(" |"));
        text.append('\n');
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.2f", value);
    }
}
