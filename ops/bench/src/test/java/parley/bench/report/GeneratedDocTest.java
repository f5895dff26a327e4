package parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two harnesses write docs/deployments.md: each must replace only its own section. */
class GeneratedDocTest {

    @TempDir
    Path directory;

    private static final String HEADING = "## Blue-green, latest run";

    @Test
    void appendsTheSectionWhenTheFileHasNone() {
        String text = GeneratedDoc.replaceSection(GeneratedDoc.DEPLOYMENTS.introduction(), HEADING, "first run");

        assertThat(text).startsWith(GeneratedDoc.DEPLOYMENTS.introduction().strip()).endsWith(HEADING + "\n\nfirst run\n");
    }

    @Test
    void replacesOnlyItsOwnSectionAndKeepsTheOthers() {
        String before = "# Deployments\n\nintro\n\n" + HEADING + "\n\nold run\n| a | b |\n\n## Region failover, latest run\n\nfailover figures\n";

        String after = GeneratedDoc.replaceSection(before, HEADING, "new run");

        assertThat(after).isEqualTo("# Deployments\n\nintro\n\n" + HEADING + "\n\nnew run\n\n## Region failover, latest run\n\nfailover figures\n");
        assertThat(GeneratedDoc.replaceSection(after, HEADING, "new run")).as("idempotent").isEqualTo(after);
    }

    @Test
    void replacesTheLastSectionToTheEnd() {
        String before = "# Deployments\n\n## Region failover, latest run\n\nx\n\n" + HEADING + "\n\nold\nold too\n";

        assertThat(GeneratedDoc.replaceSection(before, HEADING, "new"))
                .isEqualTo("# Deployments\n\n## Region failover, latest run\n\nx\n\n" + HEADING + "\n\nnew\n");
    }

    @Test
    void refusesAHeadingThatIsNotOneSecondLevelLine() {
        assertThatThrownBy(() -> GeneratedDoc.replaceSection("", "Blue-green", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratedDoc.replaceSection("", "## a\n## b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbsentFileGetsTheIntroductionAndTheSection() throws Exception {
        Path file = directory.resolve("docs/deployments.md");

        GeneratedDoc.DEPLOYMENTS.writeSection(file, "## Region failover, latest run", "run 1");

        assertThat(Files.readString(file)).startsWith(GeneratedDoc.DEPLOYMENTS.introduction().strip())
                .endsWith("## Region failover, latest run\n\nrun 1\n");
    }

    @Test
    void aFileKeepsEverySectionButTheOneWritten() throws Exception {
        Path file = directory.resolve("deployments.md");
        Files.writeString(file, "# Deployments\n\nintro\n\n" + HEADING + "\n\nblue 1\n\n"
                + "## Region failover, latest run\n\nrun 1\n| a | b |\n\n## Later\n\nkept\n");

        GeneratedDoc.DEPLOYMENTS.writeSection(file, "## Region failover, latest run", "run 2\n");

        assertThat(Files.readString(file)).isEqualTo("# Deployments\n\nintro\n\n" + HEADING + "\n\nblue 1\n\n"
                + "## Region failover, latest run\n\nrun 2\n\n## Later\n\nkept\n");
    }
}
