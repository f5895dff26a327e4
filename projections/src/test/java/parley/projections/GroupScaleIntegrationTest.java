package parley.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import parley.local.Patience;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.receipt.ReceiptAdvanced;
import parley.local.LocalKafka;
import parley.local.TestDatabase;

/**
 * A 1,000-member group with 10,000 messages that every member reads, then 5,000 random joins,
 * leaves and removals: status rows stay O(members), the denormalized members count matches the
 * membership rows, and a replay of the stream from scratch rebuilds identical tables.
 */
@SpringBootTest(classes = ProjectionsApplication.class)
class GroupScaleIntegrationTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final String GROUP_ID = "scale-projections";
    private static final int MEMBERS = 1000;
    private static final int MESSAGES = 10_000;
    private static final int MEMBERSHIP_CHANGES = 5000;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.create("scale");
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("parley.projections.group-id", () -> GROUP_ID);
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.stop();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final UUID group = Ids.uuid7();
    private long sequence;

    @Test
    void aThousandMembersTenThousandMessagesAndChurn() throws Exception {
        List<UUID> pool = new ArrayList<>();
        for (int i = 0; i < MEMBERS * 3 / 2; i++) {
            pool.add(Ids.uuid7());
        }
        Set<UUID> members = new HashSet<>(pool.subList(0, MEMBERS));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(record(new GroupCreated(group, "Scale", pool.get(0), NOW)));
        for (UUID member : pool.subList(0, MEMBERS)) {
            records.add(record(new MemberAdded(group, member, member.equals(pool.get(0)) ? GroupRole.OWNER : GroupRole.MEMBER,
                    pool.get(0), 0, NOW)));
        }
        for (int seq = 1; seq <= MESSAGES; seq++) {
            records.add(record(new GroupMessageSent(group, Ids.uuid7(), seq, pool.get(seq % MEMBERS), "c-" + seq,
                    new Envelope("{\"n\":" + seq + "}"), NOW.plusMillis(seq))));
        }
        for (UUID member : pool.subList(0, MEMBERS)) {
            records.add(record(new ReceiptAdvanced(group, ChatType.GROUP, member, MESSAGES, MESSAGES, NOW)));
        }
        Random random = new Random(42);
        for (int i = 0; i < MEMBERSHIP_CHANGES; i++) {
            UUID user = pool.get(random.nextInt(pool.size()));
            if (members.remove(user)) {
                UUID by = random.nextBoolean() ? user : pool.get(0);
                records.add(record(by.equals(user) ? MemberRemoved.left(group, user, NOW) : MemberRemoved.removed(group, user, by, NOW)));
            } else if (members.size() < 1024) {
                members.add(user);
                records.add(record(new MemberAdded(group, user, GroupRole.MEMBER, pool.get(0), MESSAGES, NOW)));
            }
        }
        long lastSequence = sequence - 1;
        produce(records);

        awaitProjected(lastSequence);
        Map<String, String> firstPass = snapshot();
        assertThat(count("SELECT count(*) FROM group_members WHERE group_id = :g")).isEqualTo(members.size());
        assertThat(count("SELECT members_count FROM group_chats WHERE group_id = :g")).isEqualTo(members.size());
        assertThat(count("SELECT count(*) FROM messages WHERE chat_id = :g")).isEqualTo(MESSAGES);
        assertThat(count("SELECT count(*) FROM group_chat_status WHERE group_id = :g"))
                .as("one status row per member at most, not one per member and message")
                .isLessThanOrEqualTo(members.size());

        replayFromScratch();
        awaitProjected(lastSequence);
        assertThat(snapshot()).isEqualTo(firstPass);
    }

    private void replayFromScratch() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("parley-projections");
        container.stop();
        await().atMost(Patience.scaled(Duration.ofSeconds(30))).until(() -> !container.isRunning());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.listConsumerGroupOffsets(GROUP_ID).partitionsToOffsetAndMetadata().get()
                    .keySet().forEach(partition -> start.put(partition, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(GROUP_ID, start).all().get();
        }
        jdbc.sql("TRUNCATE group_chat_status, group_members, group_chats, private_chat_status, private_chats, messages, users")
                .update();
        container.start();
    }

    /**
     * Some 17,000 records on one partition take minutes on a busy CI machine: the wait follows the
     * projection's progress (the group's version and its messages) and fails only when it stalls.
     */
    private void awaitProjected(long lastSequence) {
        Patience.awaitWhileProgressing(() -> version() == lastSequence
                && count("SELECT count(*) FROM messages WHERE chat_id = :g") == MESSAGES
                && count("SELECT count(*) FROM group_chat_status WHERE group_id = :g AND read_up_to = " + MESSAGES) > 0,
                () -> List.of(version(), count("SELECT count(*) FROM messages WHERE chat_id = :g")), Duration.ofSeconds(60));
    }

    private long version() {
        return jdbc.sql("SELECT COALESCE((SELECT version FROM group_chats WHERE group_id = :g), -1)")
                .param("g", group).query(Long.class).single();
    }

    /** A digest of every read table that this stream touches. */
    private Map<String, String> snapshot() {
        Map<String, String> digests = new HashMap<>();
        digests.put("group_chats", digest("SELECT md5(string_agg(t::text, ',' ORDER BY group_id)) FROM group_chats t"));
        digests.put("group_members", digest("SELECT md5(string_agg(t::text, ',' ORDER BY user_id)) FROM group_members t"));
        digests.put("group_chat_status", digest("SELECT md5(string_agg(t::text, ',' ORDER BY user_id)) FROM group_chat_status t"));
        digests.put("messages", digest("SELECT md5(string_agg(t::text, ',' ORDER BY seq)) FROM messages t"));
        return digests;
    }

    private String digest(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("g", group).query(Long.class).single();
    }

    private ProducerRecord<String, String> record(Object payload) throws Exception {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test",
                ChatEventTypes.typeOf(payload.getClass()).orElseThrow(), NOW, group.toString(), CloudEvent.JSON, null,
                payload instanceof ReceiptAdvanced ? 0L : sequence++, objectMapper.valueToTree(payload));
        return new ProducerRecord<>(ChatEventTypes.TOPIC, group.toString(), objectMapper.writeValueAsString(event));
    }

    private static void produce(List<ProducerRecord<String, String>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }
}
