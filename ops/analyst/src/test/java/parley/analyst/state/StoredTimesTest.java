package parley.analyst.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The fast reading of the store's time column gives what {@link Instant#parse} gives, for Axon's form and any other. */
class StoredTimesTest {

    @Test
    void axonsFormReadsAsInstantParseReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant time = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            String stored = DateTimeUtils.formatInstant(time);
            assertThat(StoredTimes.parse(stored)).as(stored).isEqualTo(Instant.parse(stored)).isEqualTo(time);
        }
    }

    @Test
    void otherFormsFallBackToInstantParse() {
        for (String text : new String[] {"2025-03-01T12:00:00Z", "2025-03-01T12:00:00.123456Z", "2024-02-29T23:59:59.999Z",
                "2025-03-01T12:00:00.1Z"}) {
            assertThat(StoredTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }
}
