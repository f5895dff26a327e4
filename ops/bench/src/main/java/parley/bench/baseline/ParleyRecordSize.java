package parley.bench.baseline;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import parley.api.cloudevents.ChatEventTypes;

/**
 * The mean size of the message records Parley wrote to its topic, so that the Kafka baseline sends
 * records of the same size (a message's envelope plus its CloudEvents metadata).
 */
public final class ParleyRecordSize {

    private static final Pattern MESSAGE_SENT = Pattern.compile("\"type\"\\s*:\\s*\"parley\\.(privatechat\\.Private|group\\.Group)MessageSent\\.");

    private ParleyRecordSize() {
    }

    /** The mean value size of up to {@code sample} message records, or {@code fallback} when there are none. */
    public static int sample(String bootstrapServers, int sample, int fallback) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "parley-bench-sizes-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long bytes = 0;
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(java.util.List.of(ChatEventTypes.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count < sample && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (count < sample && MESSAGE_SENT.matcher(record.value()).find()) {
                        bytes += record.serializedValueSize();
                        count++;
                    }
                }
            }
        }
        return count == 0 ? fallback : (int) (bytes / count);
    }
}
