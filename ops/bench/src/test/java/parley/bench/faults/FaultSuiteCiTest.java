package parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.bench.Progress;
import parley.bench.run.Commit;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;

/**
 * Issue 16's CI subset against the real platform jar, a PostgreSQL cluster of its own, three Kafka brokers in their
 * own JVMs and Redis: SIGKILL of the command node, loss of the chat-events leader broker, a PostgreSQL primary
 * restart, each under SDK clients' load. Every row: nothing acknowledged lost or duplicated in the event store or the
 * read tables, every acknowledged message (sent before, during or after the fault) delivered once to every other
 * member, the SDK's catch-up included, each chat's messages in order, and the platform answering again on its own. It
 * asserts no speed; the times are printed and written to {@code target/fault-suite-ci/reliability.md}.
 */
class FaultSuiteCiTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void nothingAcknowledgedIsLostOrDoubledAndThePlatformRecoversFromEachFault() throws Exception {
        runAndCheck(FaultSuite.ciSubset(), FaultSettings.ci(), "fault-suite-ci", "FaultSuiteCiTest");
    }

    /** Runs {@code faults}, writes their table under {@code target/<directory>/reliability.md} and checks every row. */
    static void runAndCheck(List<Fault> faults, FaultSettings settings, String directory, String command) throws Exception {
        Path out = Path.of("target", directory).toAbsolutePath();
        Files.createDirectories(out);
        // each run on fresh directories: Kafka's data of an earlier run would hold another run's topic and offsets
        Path work = Files.createTempDirectory(out, "run-");
        String commit = Commit.describe(ROOT);

        FaultSuite.Outcome outcome = FaultSuite.run(faults, settings, PlatformSettings.defaults(ROOT), work, new Progress(System.out));
        GeneratedDoc.RELIABILITY.writeSection(out.resolve("reliability.md"), FaultSuiteMain.SECTION,
                FaultSuiteMain.section(outcome, commit, command, settings));

        assertThat(outcome.stopped()).as("a fault's run that threw and stopped the suite").isEmpty();
        assertThat(outcome.rows()).hasSize(faults.size());
        assertThat(outcome.rows()).allSatisfy(FaultSuiteCiTest::passes);
    }

    private static void passes(FaultRow row) {

        assertThat(row.acknowledged()).as(row.fault() + ": acknowledged").isPositive();
        assertThat(row.lost()).as(row.fault() + ": acknowledged messages lost in the store or the read tables").isZero();
        assertThat(row.duplicated()).as(row.fault() + ": messages stored twice").isZero();
        assertThat(row.deliveriesMissingAfterHeal()).as(row.fault() + ": deliveries of sends after the heal missing").isZero();
        assertThat(row.deliveriesMissing()).as(row.fault() + ": deliveries of sends before or during the fault missing, "
                + "after the SDK's catch-up").isZero();
        assertThat(row.deliveriesDuplicated()).as(row.fault() + ": deliveries duplicated").isZero();
        assertThat(row.outOfOrder()).as(row.fault() + ": deliveries out of seq order").isZero();
        assertThat(row.replayDifferences()).as(row.fault() + ": read tables against a from-scratch replay").isEmpty();
        assertThat(row.recovered()).as(row.fault() + ": ready and acknowledging after the heal, without a person").isTrue();
    }
}
