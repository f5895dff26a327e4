package parley.bench.faults;

import java.time.Duration;
import parley.api.cloudevents.ChatEventTypes;
import parley.bench.platform.KafkaCluster;

/**
 * SIGKILL of the broker leading the most chat-events partitions (asked of the cluster's admin API just before):
 * its partitions' leadership moves to the in-sync replicas once the controllers notice; with three replicas and
 * {@code min.insync.replicas} 2 the publisher's {@code acks=all} sends carry on with two brokers. Healing starts the
 * broker again on its data and waits until it is back in every partition's in-sync set.
 */
public final class KafkaLeaderKill implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private int killed = -1;

    @Override
    public String name() {
        return "SIGKILL of the chat-events leader broker";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        KafkaCluster kafka = environment.kafka();
        killed = kafka.busiestLeader(ChatEventTypes.TOPIC);
        kafka.kill(killed);
        environment.progress().line("faults: Kafka node %d (leading the most %s partitions) killed", KafkaCluster.nodeId(killed),
                ChatEventTypes.TOPIC);
    }

    @Override
    public void heal(FaultEnvironment environment) throws InterruptedException {
        KafkaCluster kafka = environment.kafka();
        kafka.start(killed);
        environment.awaitCondition("Kafka node " + KafkaCluster.nodeId(killed) + " back in sync",
                () -> kafka.fullyInSync(ChatEventTypes.TOPIC));
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }
}
