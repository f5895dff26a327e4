package parley.bench.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeploymentsDocTest {

    private static final String HEADING = "## Blue-green, latest run";

    @Test
    void appendsTheSectionWhenTheFileHasNone() {
        String text = DeploymentsDoc.replaceSection(DeploymentsDoc.INTRODUCTION, HEADING, "first run");

        assertThat(text).startsWith(DeploymentsDoc.INTRODUCTION.strip()).endsWith(HEADING + "\n\nfirst run\n");
    }

    @Test
    void replacesOnlyItsOwnSectionAndKeepsTheOthers() {
        String before = "# Deployments\n\nintro\n\n" + HEADING + "\n\nold run\n| a | b |\n\n## Region failover, latest run\n\nfailover figures\n";

        String after = DeploymentsDoc.replaceSection(before, HEADING, "new run");

        assertThat(after).isEqualTo("# Deployments\n\nintro\n\n" + HEADING + "\n\nnew run\n\n## Region failover, latest run\n\nfailover figures\n");
        assertThat(DeploymentsDoc.replaceSection(after, HEADING, "new run")).as("idempotent").isEqualTo(after);
    }

    @Test
    void replacesTheLastSectionToTheEnd() {
        String before = "# Deployments\n\n## Region failover, latest run\n\nx\n\n" + HEADING + "\n\nold\nold too\n";

        assertThat(DeploymentsDoc.replaceSection(before, HEADING, "new"))
                .isEqualTo("# Deployments\n\n## Region failover, latest run\n\nx\n\n" + HEADING + "\n\nnew\n");
    }

    @Test
    void refusesAHeadingThatIsNotOneSecondLevelLine() {
        assertThatThrownBy(() -> DeploymentsDoc.replaceSection("", "Blue-green", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeploymentsDoc.replaceSection("", "## a\n## b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
