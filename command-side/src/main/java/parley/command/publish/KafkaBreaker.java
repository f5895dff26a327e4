package parley.command.publish;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import parley.edge.breaker.Breakers;

/**
 * The circuit breaker in front of Kafka ({@code name="parley-kafka-publisher"}). One call is one
 * batch of the publishing processor: it succeeds when the batch commits (Kafka acknowledged every
 * record) and fails when it rolls back for any reason. While open, a batch fails at once instead of
 * waiting for the broker; the fallback is the event store itself: the processor's token has not
 * moved, so it publishes the same events again once the breaker lets a trial batch through.
 */
@Component
class KafkaBreaker {

    static final String NAME = "parley-kafka-publisher";

    private final CircuitBreaker breaker;

    KafkaBreaker(PublisherProperties properties, MeterRegistry meters) {
        this.breaker = Breakers.create(NAME, properties.breaker(), meters,
                "batches fail at once; the publisher retries them from the event store (nothing is lost, publishing is delayed)",
                "Kafka acknowledges again; publishing resumed");
    }

    /** Counts the batch of {@code unitOfWork} as one call, or refuses it while the breaker is open. */
    void guard(UnitOfWork<?> unitOfWork) {
        if (!breaker.tryAcquirePermission()) {
            throw new KafkaPublishingException("Kafka is considered down (breaker open); the batch will be published "
                    + "again from the event store", null);
        }
        long start = System.nanoTime();
        unitOfWork.afterCommit(u -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        unitOfWork.onRollback(u -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS,
                u.getExecutionResult() != null && u.getExecutionResult().getExceptionResult() != null
                        ? u.getExecutionResult().getExceptionResult()
                        : new KafkaPublishingException("the batch was rolled back", null)));
    }
}
