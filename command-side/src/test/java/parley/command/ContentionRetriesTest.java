package parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentionRetriesTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ContentionRetries retries = ContentionRetries.builder()
            .retryExecutor(executor)
            .firstBoundMillis(20)
            .maxBoundMillis(1_000)
            .maxRetryCount(12)
            .build();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void theBoundDoublesPerFailureUpToItsCap() {
        assertThat(List.of(retries.bound(1), retries.bound(2), retries.bound(3), retries.bound(6), retries.bound(7), retries.bound(12)))
                .containsExactly(20L, 40L, 80L, 640L, 1_000L, 1_000L);
    }

    @Test
    void eachWaitIsPositiveAndWithinItsBoundAndTheWaitsDiffer() {
        List<Class<? extends Throwable>[]> threeFailures = failures(3);
        long first = retries.computeRetryInterval(null, null, threeFailures);
        boolean differed = false;
        for (int i = 0; i < 200; i++) {
            long wait = retries.computeRetryInterval(null, null, threeFailures);
            assertThat(wait).isBetween(1L, 80L);
            differed |= wait != first;
        }
        assertThat(differed).as("jittered, so that senders who failed together do not retry together").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        Class<? extends Throwable>[] one = new Class[] {RuntimeException.class};
        return java.util.Collections.nCopies(count, one);
    }
}
