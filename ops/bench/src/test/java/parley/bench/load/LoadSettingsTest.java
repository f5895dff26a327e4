package parley.bench.load;

import parley.bench.Size;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    @Test
    void theIssuesScenariosInFullSize() {
        assertThat(LoadSettings.privateSends(Size.FULL).shape()).isEqualTo(ChatShape.privatePairs(25));
        assertThat(LoadSettings.privateSends(Size.FULL).users()).isEqualTo(50);
        assertThat(LoadSettings.groupFanOut(10, Size.FULL).shape()).isEqualTo(ChatShape.groups(10, 2));
        assertThat(LoadSettings.groupFanOut(10, Size.FULL).payload()).isEqualTo(PayloadKind.SEALED);
        assertThat(LoadSettings.groupFanOut(500, Size.FULL).users()).isEqualTo(500);
        assertThat(LoadSettings.groupFanOut(500, Size.FULL).payload()).isEqualTo(PayloadKind.OPAQUE);
    }

    @Test
    void smokeSizesAreAHandfulOfUsersForSeconds() {
        for (LoadSettings smoke : new LoadSettings[] {LoadSettings.privateSends(Size.SMOKE),
                LoadSettings.groupFanOut(10, Size.SMOKE), LoadSettings.groupFanOut(500, Size.SMOKE)}) {
            assertThat(smoke.users()).isLessThanOrEqualTo(5);
            assertThat(smoke.warmUp().plus(smoke.measured())).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        assertThat(LoadSettings.groupFanOut(500, Size.SMOKE).payload()).isEqualTo(PayloadKind.OPAQUE);
    }

    @Test
    void theUsersMustMatchTheShape() {
        assertThatThrownBy(() -> new LoadSettings("x", 3, ChatShape.privatePairs(2), LoadMode.closedLoop(1),
                Duration.ZERO, Duration.ofSeconds(1), PayloadKind.SEALED, Duration.ofSeconds(1), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
