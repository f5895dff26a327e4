package parley.command.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import parley.local.Patience;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Waits until every Kafka listener of a context owns its partitions. Live push starts from the
 * latest offset, so a test that sent earlier would wait for a message that was never pushed.
 */
public final class KafkaListeners {

    private KafkaListeners() {
    }

    public static void awaitAssignment(KafkaListenerEndpointRegistry listeners) {
        await().atMost(Patience.scaled(Duration.ofSeconds(60))).until(() -> listeners.getListenerContainers().stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }
}
