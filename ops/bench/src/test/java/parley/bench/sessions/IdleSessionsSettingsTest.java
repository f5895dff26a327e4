package parley.bench.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleSessionsSettingsTest {

    @Test
    void fullIsTenThousandSessionsOfAHundredUsers() {
        IdleSessionsSettings full = IdleSessionsSettings.full();
        assertThat(full.sessions()).isEqualTo(10_000);
        assertThat(full.users()).isEqualTo(100);
        assertThat(full.sends()).isEqualTo(200);
    }

    @Test
    void smokeIsTwoHundredSessionsAndThreeSecondsOfLoad() {
        assertThat(IdleSessionsSettings.smoke().sessions()).isEqualTo(200);
        assertThat(IdleSessionsSettings.smoke().loadDuration()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void everySenderPairNeedsTwoUsers() {
        assertThatThrownBy(() -> new IdleSessionsSettings(3, 1, 1, 2, 1, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
