package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.ops.e2ee.Sealing.WAIT;
import static parley.ops.e2ee.Sealing.edit;
import static parley.ops.e2ee.Sealing.openFromHistory;
import static parley.ops.e2ee.Sealing.publish;
import static parley.ops.e2ee.Sealing.seal;
import static parley.ops.e2ee.Sealing.sendGroup;
import static parley.ops.e2ee.Sealing.sendPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.e2ee.Sealing.Device;

/**
 * After an encrypted conversation (private and group, with an edit) the words sent appear nowhere
 * the server keeps data: not in any table of the database (event store, snapshots, command-side
 * views, read tables) and not in the Kafka topic. A group name, which is not end-to-end encrypted,
 * is the control: the same scans must find it, or they prove nothing.
 */
@PlatformTest
class NoPlaintextAtRestEndToEndTest extends RunningPlatform {

    /** Every row of every table as text; bytea columns come out as hex, so plaintext is looked for in hex too. */
    private static final String ALL_ROWS = """
            SELECT table_schema || '.' || table_name AS name,
                   query_to_xml(format('SELECT t::text AS row FROM %I.%I t', table_schema, table_name), true, false, '')::text AS rows
            FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""";

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-no-plaintext");
    }

    @Test
    void theWordsSentAppearNowhereTheServerKeepsData() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> words = List.of("marzipan" + suffix, "lighthouse" + suffix, "tangerine" + suffix,
                "harmonica" + suffix, "avalanche" + suffix);
        String groupName = "Picnic" + suffix;
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        Device aliceLaptop = publish(http, alice, "laptop");
        Device alicePhone = publish(http, alice, "phone");
        Device bobPhone = publish(http, bob, "phone");
        Device carolLaptop = publish(http, carol, "laptop");
        UUID privateChat = Ids.privateChatId(alice.userId(), bob.userId());
        UUID group;

        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
             StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken());
             StompTestClient carolClient = StompTestClient.connect(wsUrl(), carol.accessToken())) {
            accepted(sendPrivate(aliceClient, bob, seal(aliceLaptop, privateChat, "p-1", "Meet at the " + words.get(0), alicePhone, bobPhone)));
            accepted(sendPrivate(bobClient, alice, seal(bobPhone, privateChat, "p-2", "The " + words.get(1) + " at noon?", aliceLaptop, alicePhone)));
            assertThat(edit(aliceClient, 1, seal(aliceLaptop, privateChat, "edit/1", "Meet at the " + words.get(2), alicePhone, bobPhone))
                    .get("type").asText()).isEqualTo("CommandAccepted");

            group = createGroup(aliceClient, groupName, bob, carol);
            accepted(sendGroup(aliceClient, seal(aliceLaptop, group, "g-1", "Bring a " + words.get(3), alicePhone, bobPhone, carolLaptop)));
            accepted(sendGroup(carolClient, seal(carolLaptop, group, "g-2", "Beware the " + words.get(4), aliceLaptop, alicePhone, bobPhone)));
        }
        assertThat(openFromHistory(http, bobPhone, group, 2, carolLaptop)).as("the conversation is readable by its members")
                .endsWith(words.get(4));
        await().atMost(WAIT).until(() -> http.get("/api/chats/" + privateChat + "/messages", bob.accessToken()).body()
                .path("messages").findValues("editedAt").stream().anyMatch(editedAt -> !editedAt.isNull()));

        Map<String, String> tables = allTables();
        String kafka = String.join("\n", topicRecords());
        assertThat(tables.get("public.domainevententry")).as("control: the event store holds the group name")
                .contains(hex(groupName));
        assertThat(tables.get("public.group_chats")).as("control: the read table holds the group name").contains(groupName);
        assertThat(kafka).as("control: the topic carries the group name").contains(groupName);
        for (String word : words) {
            tables.forEach((table, rows) -> assertThat(rows).as(word + " in " + table).doesNotContain(word).doesNotContain(hex(word)));
            assertThat(kafka).as(word + " in Kafka").doesNotContain(word);
        }
    }

    private static UUID createGroup(StompTestClient owner, String name, TestUser... members) throws InterruptedException {
        List<String> memberIds = new ArrayList<>();
        for (TestUser member : members) {
            memberIds.add(member.userId().toString());
        }
        owner.send("/app/group.create", Map.of("name", name, "memberIds", memberIds, "clientCommandId", "g"));
        return UUID.fromString(owner.nextReply(WAIT).get("groupId").asText());
    }

    private static void accepted(JsonNode reply) {
        assertThat(reply.get("type").asText()).as(reply.toString()).isEqualTo("MessageAccepted");
    }

    private Map<String, String> allTables() {
        Map<String, String> tables = new HashMap<>();
        jdbc.sql(ALL_ROWS).query((rs, n) -> tables.put(rs.getString("name"), rs.getString("rows"))).list();
        return tables;
    }

    /** Every record of the topic, from the beginning of each partition to its end. */
    private static List<String> topicRecords() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ChatEventTypes.TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return values;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
