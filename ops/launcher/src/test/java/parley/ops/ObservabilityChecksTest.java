package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.command.testing.MachineRequirements;

/**
 * Runs {@code ops/observability/check} (promtool and amtool on the Prometheus, alert-rule, unit-test
 * and Alertmanager files, the dashboards' JSON and PromQL, every alert fired and shown quiet by a
 * test), so {@code ./mvnw verify} covers them; and shows on a copy that the check does fail.
 */
class ObservabilityChecksTest {

    private static final Path OPS = Path.of("..");
    /** The script's exit status when promtool, amtool or PyYAML is missing (it says which on stderr). */
    private static final int TOOLS_MISSING = 2;

    @Test
    void theCommittedObservabilityFilesPassEveryCheck() throws Exception {
        Result result = check(OPS.resolve("observability"));

        assertThat(result.exitCode()).as("ops/observability/check failed:%n%s", result.output()).isZero();
        assertThat(result.output()).contains(" 0 failed").containsPattern("(\\d+) alerts, \\1 fired and \\1 shown quiet by tests");
    }

    @Test
    void anAlertThatNoTestFiresFailsTheCheck(@TempDir Path copy) throws Exception {
        Path observability = copyOfOps(copy);
        Path rules = observability.resolve("prometheus/rules/parley-alerts.yml");
        Files.writeString(rules, Files.readString(rules) + """

                      - alert: ParleyUntested
                        expr: up{job="parley-query-side"} == 0
                        labels:
                          severity: warning
                        annotations:
                          summary: s
                          description: d
                          runbook_url: ops/runbooks/instance-down.md
                """);

        Result result = check(observability);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("ParleyUntested: no unit test expects it to fire")
                .contains("FAILED: alerts: labels, annotations, runbooks, tested firing and quiet");
    }

    @Test
    void aDashboardQueryThatIsNotPromQlFailsTheCheck(@TempDir Path copy) throws Exception {
        Path observability = copyOfOps(copy);
        Path dashboard = observability.resolve("grafana/dashboards/security.json");
        String json = Files.readString(dashboard);
        Files.writeString(dashboard, json.replaceFirst("sum by \\(class\\)", "sum by (class"));

        Result result = check(observability);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED: dashboards: every query is valid PromQL");
    }

    /** The observability files and the runbooks they link to, under {@code copy/ops}. */
    private static Path copyOfOps(Path copy) throws IOException {
        Files.createDirectories(copy.resolve("ops"));
        for (String directory : new String[] {"observability", "runbooks"}) {
            Path source = OPS.resolve(directory);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve("ops").resolve(directory).resolve(source.relativize(file).toString());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy.resolve("ops/observability");
    }

    private static Result check(Path observability) throws Exception {
        Path log = Files.createTempFile("observability-check", ".log");
        try {
            Process process = new ProcessBuilder("bash", observability.resolve("check").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(Waits.scaled(Duration.ofMinutes(2)).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ops/observability/check did not finish:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            MachineRequirements.require("ObservabilityChecksTest",
                    process.exitValue() == TOOLS_MISSING ? Optional.of(output.strip()) : Optional.empty());
            return new Result(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
