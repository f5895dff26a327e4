package parley.command.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import parley.api.cloudevents.ChatEventTypes;
import parley.local.Patience;

/**
 * A test context's projections group starts after what earlier contexts published on the shared
 * broker, as the projections' own setting (earliest) would not: they see only their own events.
 */
class SharedKafkaTest {

    /** Other test classes' contexts may still publish on the shared topic: only this test's own records are judged. */
    @Test
    void aGroupStartedAtTheEndSeesOnlyLaterEvents() throws Exception {
        String bootstrap = SharedKafka.get().bootstrapServers();
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(ChatEventTypes.TOPIC, "chat-" + i, run + " earlier class " + i)).get();
            }
            String group = "shared-kafka-test-" + UUID.randomUUID();
            SharedKafka.startAtTheEnd(group);
            producer.send(new ProducerRecord<>(ChatEventTypes.TOPIC, "chat-0", run + " this context's")).get();

            List<String> ours = consume(bootstrap, group, run).stream().filter(value -> value.startsWith(run)).toList();
            assertThat(ours).containsExactly(run + " this context's");
        }
    }

    private static List<String> consume(String bootstrap, String group, String run) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(ChatEventTypes.TOPIC));
            long deadline = System.nanoTime() + Patience.scaled(Duration.ofSeconds(30)).toNanos();
            while (values.stream().noneMatch(value -> value.startsWith(run)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // a short while more: anything from before the group's start would have come in the same polls
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(2))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
