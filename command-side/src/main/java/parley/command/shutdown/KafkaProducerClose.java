package parley.command.shutdown;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Flushes and closes the Kafka producer once no processor publishes any more, within what is left of
 * the grace period (the factory would otherwise close it at bean destruction with its own timeout).
 */
@Component
class KafkaProducerClose extends StopOnly {

    private final KafkaTemplate<?, ?> kafka;
    private final ShutdownClock clock;

    KafkaProducerClose(KafkaTemplate<?, ?> kafka, ShutdownClock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    void onStop() {
        clock.step("Kafka producer flushed and closed", this::flushAndClose);
    }

    private void flushAndClose() {
        kafka.flush();
        ProducerFactory<?, ?> producers = kafka.getProducerFactory();
        if (producers instanceof DefaultKafkaProducerFactory<?, ?> factory) {
            factory.setPhysicalCloseTimeout((int) Math.max(1, clock.remaining().toSeconds()));
        }
        producers.reset();
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.KAFKA_PRODUCER;
    }
}
