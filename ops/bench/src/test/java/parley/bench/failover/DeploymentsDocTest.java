package parley.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two harnesses write docs/deployments.md: each must replace only its own section. */
class DeploymentsDocTest {

    @TempDir
    Path directory;

    @Test
    void anAbsentFileGetsTheHeaderAndTheSection() throws Exception {
        Path file = directory.resolve("docs/deployments.md");

        DeploymentsDoc.writeSection(file, "Region failover, latest run", "run 1");

        assertThat(Files.readString(file)).startsWith("# Deployments, shown").endsWith("## Region failover, latest run\n\nrun 1\n");
    }

    @Test
    void theSectionIsReplacedAndTheOthersKept() throws Exception {
        Path file = directory.resolve("deployments.md");
        Files.writeString(file, "# Deployments\n\nintro\n\n## Blue-green, latest run\n\nblue 1\n\n"
                + "## Region failover, latest run\n\nrun 1\n| a | b |\n\n## Later\n\nkept\n");

        DeploymentsDoc.writeSection(file, "Region failover, latest run", "run 2");

        assertThat(Files.readString(file)).isEqualTo("# Deployments\n\nintro\n\n## Blue-green, latest run\n\nblue 1\n\n"
                + "## Region failover, latest run\n\nrun 2\n\n## Later\n\nkept\n");
    }

    @Test
    void aMissingSectionIsAppendedAfterTheOthers() throws Exception {
        Path file = directory.resolve("deployments.md");
        Files.writeString(file, "# Deployments\n\n## Blue-green, latest run\n\nblue 1\n");

        DeploymentsDoc.writeSection(file, "Region failover, latest run", "run 1\n");

        assertThat(Files.readString(file)).isEqualTo("# Deployments\n\n## Blue-green, latest run\n\nblue 1\n\n"
                + "## Region failover, latest run\n\nrun 1\n");
    }
}
