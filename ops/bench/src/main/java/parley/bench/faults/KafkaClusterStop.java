package parley.bench.faults;

import java.time.Duration;
import parley.api.cloudevents.ChatEventTypes;
import parley.bench.platform.KafkaCluster;

/**
 * The whole Kafka cluster gone for 30 s (every node SIGKILLed), then started again. Sends go on being acknowledged
 * (an acknowledgement means stored in PostgreSQL; the publisher reads the event store and its breaker opens while Kafka
 * is away), deliveries stop; once the cluster is back the publisher sends the backlog and pushes resume. Healed once
 * every chat-events partition has a leader and all its replicas in sync.
 */
public final class KafkaClusterStop implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "whole Kafka cluster stopped for 30 s";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.kafka().killAll();
    }

    @Override
    public void heal(FaultEnvironment environment) throws InterruptedException {
        KafkaCluster kafka = environment.kafka();
        kafka.startAll();
        environment.awaitCondition("the Kafka cluster back in sync", () -> kafka.fullyInSync(ChatEventTypes.TOPIC));
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }
}
