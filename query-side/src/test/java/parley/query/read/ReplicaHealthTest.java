package parley.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicaHealthTest {

    private static final Duration MAX_LAG = Duration.ofSeconds(10);

    @Test
    void aReachableStandbyWithinTheLagLimitIsUsable() {
        assertThat(new ReplicaHealth(true, true, 0).usable(MAX_LAG)).isTrue();
        assertThat(new ReplicaHealth(true, true, 10).usable(MAX_LAG)).isTrue();
    }

    @Test
    void tooFarBehindPromotedUnreachableOrUnknownIsNot() {
        assertThat(new ReplicaHealth(true, true, 10.5).usable(MAX_LAG)).isFalse();
        assertThat(new ReplicaHealth(true, false, 0).usable(MAX_LAG)).as("promoted: no longer follows the primary").isFalse();
        assertThat(ReplicaHealth.unreachable().usable(MAX_LAG)).isFalse();
        assertThat(new ReplicaHealth(true, true, Double.NaN).usable(MAX_LAG)).isFalse();
    }
}
