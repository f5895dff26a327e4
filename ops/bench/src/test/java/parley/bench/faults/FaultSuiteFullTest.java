package parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import parley.bench.Progress;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;

/**
 * The full fault suite, only with {@code -Pfaults} ({@code ./mvnw -Pfaults -pl ops/bench -am verify}): every fault
 * {@link FaultSuite#full()} has, with the full load, and the same checks as {@link FaultSuiteCiTest}. Its table goes
 * to {@code target/fault-suite-full/reliability.md}; {@code ops/bench/run-all faults} writes docs/reliability.md.
 */
class FaultSuiteFullTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void nothingAcknowledgedIsLostOrDoubledAndThePlatformRecoversFromEveryFault() throws Exception {
        Path out = Path.of("target/fault-suite-full").toAbsolutePath();
        Files.createDirectories(out);
        // each run on fresh directories: Kafka's data of an earlier run would hold another run's topic and offsets
        Path work = Files.createTempDirectory(out, "run-");

        FaultSuite.Outcome outcome = FaultSuite.run(FaultSuite.full(), FaultSettings.full(), PlatformSettings.defaults(ROOT), work,
                new Progress(System.out));
        GeneratedDoc.RELIABILITY.writeSection(out.resolve("reliability.md"), FaultSuiteMain.SECTION,
                FaultSuiteMain.section(outcome, ROOT, "./mvnw -Pfaults -pl ops/bench -am verify", FaultSettings.full()));

        assertThat(outcome.rows()).hasSize(FaultSuite.full().size());
        assertThat(outcome.rows()).allSatisfy(FaultSuiteCiTest::passes);
    }
}
