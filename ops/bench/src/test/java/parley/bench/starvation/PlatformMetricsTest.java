package parley.bench.starvation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformMetricsTest {

    @Test
    void aPhaseIsWhatGrewOverIt() {
        PlatformMetrics before = new PlatformMetrics(Map.of("a", 5.0));
        PlatformMetrics after = new PlatformMetrics(Map.of("a", 8.0));
        assertThat(after.since(before).values()).containsEntry("a", 3.0);
    }
}
