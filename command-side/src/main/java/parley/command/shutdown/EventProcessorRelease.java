package parley.command.shutdown;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * Stops the event processors, which makes the tracking ones release their segment claims in the
 * token store: another node claims them at once instead of after the claim timeout. A batch being
 * handled (a Kafka publish) completes first; its token is stored, so nothing is published twice
 * needlessly and nothing is skipped.
 */
@Component
class EventProcessorRelease extends StopOnly {

    private final EventProcessingConfiguration processing;
    private final ShutdownClock clock;

    EventProcessorRelease(EventProcessingConfiguration processing, ShutdownClock clock) {
        this.processing = processing;
        this.clock = clock;
    }

    @Override
    void onStop() {
        clock.step("event processors stopped, claims released", this::stopProcessors);
    }

    private void stopProcessors() {
        CompletableFuture<?>[] stopped = processing.eventProcessors().values().stream()
                .map(processor -> processor.shutdownAsync())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopped).get(clock.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the event processors", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("event processors did not stop within the grace period", e);
        }
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.EVENT_PROCESSORS;
    }
}
