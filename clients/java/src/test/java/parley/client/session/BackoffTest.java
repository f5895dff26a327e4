package parley.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        assertThat(backoff.delay(0, () -> 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, () -> 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(5, () -> 0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(6, () -> 0)).as("capped").isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE, () -> 0)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesAtMostItsShareOffTheDelay() {
        assertThat(backoff.delay(1, () -> 0.999999)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(750));
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
