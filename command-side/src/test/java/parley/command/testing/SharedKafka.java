package parley.command.testing;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import parley.api.cloudevents.ChatEventTypes;
import parley.local.LocalKafka;

/** One real KRaft broker per test JVM, started on first use. */
public final class SharedKafka {

    private static LocalKafka kafka;

    private SharedKafka() {
    }

    public static synchronized LocalKafka get() {
        if (kafka == null) {
            kafka = LocalKafka.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        }
        return kafka;
    }

    /**
     * Starts a new consumer group at the current end of the chat-events topic. Every test context
     * publishes to the one topic of this shared broker, and projections start a new group at the
     * earliest offset: without this, each context's projections would first replay every event of
     * every earlier test class in the JVM, a backlog that grows class by class and, on a slow day,
     * kept a fresh context's first projection waiting past its tests' bounds. Call it before the
     * context starts; a context's own events come after.
     */
    public static void startAtTheEnd(String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, get().bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(ChatEventTypes.TOPIC)) {
                return; // the first context creates the topic: nothing earlier to skip
            }
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(ChatEventTypes.TOPIC))
                    .allTopicNames().get().get(ChatEventTypes.TOPIC).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(ChatEventTypes.TOPIC, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            admin.alterConsumerGroupOffsets(groupId, ends.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue().offset()))))
                    .all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start consumer group " + groupId + " at the end of " + ChatEventTypes.TOPIC, e);
        }
    }
}
