package parley.bench.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The analyst scenario reads its figures from the commands' summary lines, behind a progress bar redrawn with carriage returns. */
class SummaryLineTest {

    private static final String REBUILD_OUTPUT = "SLF4J(I): Actual provider\n"
            + "rebuild read_g2 [####        ]  35% 7,029 events, 921/s, 14s left\rrebuild read_g2 [############] 98% 19,608 events,"
            + " 1,368/s, 0s left\r" + " ".repeat(100) + "\rrebuild read_g2: 1,020,000 events in 14.6 s (69,863 events/s, peak heap 158 MiB)\n"
            + "verify (second replay) [###   ] 50% 10,022 events, 570/s, 17s left\r" + " ".repeat(100)
            + "\rverify (second replay): 20,000 events in 26.6 s (751 events/s, peak heap 175 MiB)\n"
            + "read model: public -> read_g2 at position 20,000 (previous kept)\n";

    @Test
    void readsEachSummaryByItsLabelBehindTheProgressBar() {
        SummaryLine rebuild = SummaryLine.require(REBUILD_OUTPUT, "rebuild", "log");
        assertThat(rebuild).isEqualTo(new SummaryLine("rebuild read_g2", 1_020_000, 14.6, 69_863, 158));
        SummaryLine verify = SummaryLine.require(REBUILD_OUTPUT, "verify", "log");
        assertThat(verify).isEqualTo(new SummaryLine("verify (second replay)", 20_000, 26.6, 751, 175));
    }

    @Test
    void aMissingSummaryIsAClearErrorNamingTheLog() {
        assertThat(SummaryLine.find(REBUILD_OUTPUT, "export")).isEmpty();
        assertThatThrownBy(() -> SummaryLine.require("export jsonl [##] 5% 1 events, 1/s, 3s left", "export jsonl", "x/export.log"))
                .hasMessageContaining("export jsonl").hasMessageContaining("x/export.log");
    }
}
