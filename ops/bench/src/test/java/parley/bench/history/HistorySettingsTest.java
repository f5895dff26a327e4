package parley.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistorySettingsTest {

    @Test
    void fullAndSmokeSizes() {
        assertThat(HistorySettings.full().messages()).isEqualTo(1_000_000);
        assertThat(HistorySettings.full().pageSize()).isEqualTo(50);
        assertThat(HistorySettings.smoke().messages()).isEqualTo(10_000);
        assertThat(HistorySettings.smoke().measured()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLowestBoundStillHasAFullPageBelowIt() {
        assertThat(HistorySettings.full().lowestBeforeSeq()).isEqualTo(51);
    }

    @Test
    void aPageLargerThanTheServerAllowsIsRefused() {
        assertThatThrownBy(() -> new HistorySettings(1000, 201, 1, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
