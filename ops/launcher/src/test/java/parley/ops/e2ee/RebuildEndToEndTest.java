package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.ops.e2ee.SdkUsers.awaitDevices;
import static parley.ops.e2ee.SdkUsers.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.analyst.ParleyAnalyst;
import parley.client.events.ChatEvent;
import parley.client.messages.Sent;
import parley.command.testing.PlatformProperties;
import parley.local.TestDatabase;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Acceptance 1 of issue 13: {@code ./parley analyst rebuild --drop-previous} while SDK clients keep
 * sending end-to-end encrypted messages and reading history over REST. No read fails; every message
 * sent before, during and after the rebuild is in the new tables exactly once; nothing is pushed twice
 * to any client; afterwards {@code verify} finds the new tables equal to a from-scratch replay.
 */
@PlatformTest
class RebuildEndToEndTest extends RunningPlatform {

    private static TestDatabase database;

    @TempDir
    Path keys;

    private SdkUsers users;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        database = PlatformProperties.register(registry, "rebuild");
        registry.add("parley.auth.cookies.secure", () -> "false");
        registry.add("parley.ratelimit.classes.ip.limit", () -> "100000");
    }

    @BeforeEach
    void users() {
        users = new SdkUsers(baseUrl(), keys);
    }

    @AfterEach
    void closeClients() {
        users.close();
    }

    @Test
    void aRebuildUnderLiveTrafficSwitchesWithoutAFailedReadALostMessageOrASecondPush() throws Exception {
        String alice = users.register("alice");
        String bob = users.register("bob");
        String carol = users.register("carol");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        SdkDevice carolPhone = users.connect("carol", "phone");
        for (SdkDevice viewer : List.of(aliceLaptop, bobPhone, carolPhone)) {
            awaitDevices(viewer, alice, 1);
            awaitDevices(viewer, bob, 1);
            awaitDevices(viewer, carol, 1);
        }
        String groupId = aliceLaptop.client().createGroup("Rebuilders " + users.run(), List.of(bob, carol));
        for (SdkDevice member : List.of(bobPhone, carolPhone)) {
            waiting().ignoreExceptions().until(() -> member.client().api().get("/api/groups/" + groupId) != null);
        }

        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        for (int i = 0; i < 40; i++) {
            sent.add(send(aliceLaptop, bobPhone, bob, groupId, i));
        }
        String privateChat = sent.get(0).chatId();

        Thread senders = new Thread(() -> {
            for (int i = 40; running.get(); i++) {
                try {
                    sent.add(send(aliceLaptop, bobPhone, bob, groupId, i));
                } catch (Throwable e) {
                    failures.add(e);
                    return;
                }
            }
        }, "rebuild-senders");
        Thread readers = new Thread(() -> {
            while (running.get()) {
                for (String chat : List.of(privateChat, groupId)) {
                    try {
                        JsonNode page = bobPhone.client().api().get("/api/chats/" + chat + "/messages?limit=20");
                        assertThat(page.get("messages").size()).isPositive();
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }
        }, "rebuild-readers");
        senders.start();
        readers.start();
        int sentBefore;
        int sentDuring;
        long readsDuring;
        try {
            waiting().until(() -> sent.size() >= 50);
            sentBefore = sent.size();
            long readsBefore = reads.get();
            assertThat(analyst("rebuild", "--drop-previous")).as("the rebuild's exit code").isZero();
            sentDuring = sent.size() - sentBefore;
            int afterSwitch = sent.size();
            // A small store rebuilds in a tenth of a second, less than a rate-limited reader may be
            // waiting out a 429: so the traffic is followed from the rebuild's start until it has gone
            // on past the switch. A rebuild that stalled sends or reads fails this wait.
            waiting().alias("clients kept sending and reading across the rebuild")
                    .until(() -> sent.size() >= afterSwitch + 10 && reads.get() > readsBefore);
            readsDuring = reads.get() - readsBefore;
        } finally {
            running.set(false);
            senders.join();
            readers.join();
        }
        System.out.printf("rebuild under traffic: %d messages sent before, %d during, %d in all; %d history reads from its start%n",
                sentBefore, sentDuring, sent.size(), readsDuring);
        assertThat(failures).as("no send and no history read failed").isEmpty();

        Map<String, List<Long>> sentSeqs = sent.stream().collect(Collectors.groupingBy(Sent::chatId,
                Collectors.mapping(Sent::seq, Collectors.toList())));
        for (Map.Entry<String, List<Long>> chat : sentSeqs.entrySet()) {
            long last = chat.getValue().stream().mapToLong(Long::longValue).max().orElseThrow();
            waiting().until(() -> history(bobPhone, chat.getKey()).size() == chat.getValue().size());
            List<JsonNode> history = history(bobPhone, chat.getKey());
            assertThat(history).extracting(message -> message.get("seq").asLong()).as("every message exactly once, in order")
                    .containsExactlyElementsOf(chat.getValue().stream().sorted().toList());
            assertThat(history.get(history.size() - 1).get("seq").asLong()).isEqualTo(last);
        }
        for (SdkDevice device : List.of(bobPhone, carolPhone, aliceLaptop)) {
            List<Sent> expected = device == carolPhone ? sent.stream().filter(s -> s.chatId().equals(groupId)).toList()
                    : device == aliceLaptop ? List.of() : sent;
            for (Sent message : expected) {
                device.awaitText(message);
            }
            Map<String, Long> pushes = device.events().stream().filter(ChatEvent.MessageDecrypted.class::isInstance)
                    .map(ChatEvent.MessageDecrypted.class::cast).collect(Collectors.groupingBy(m -> m.chatId() + "#" + m.seq(),
                            Collectors.counting()));
            assertThat(pushes.values()).as("nothing pushed twice to " + device).allMatch(count -> count == 1);
        }

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT schema_name, to_regclass('public.messages') IS NULL,"
                        + " (SELECT count(*) FROM read_g2.private_messages), (SELECT count(*) FROM read_g2.group_messages)"
                        + " FROM parley_read_model.active")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("read_g2");
            assertThat(row.getBoolean(2)).as("the previous generation was dropped").isTrue();
            assertThat(row.getLong(3) + row.getLong(4)).isEqualTo(sent.size());
            assertThat(row.getLong(4)).isEqualTo(sentSeqs.get(groupId).size());
        }
        assertThat(analyst("verify", "--settle", Waits.scaled(Duration.ofSeconds(30)).toString())).as("the new tables equal a from-scratch replay").isZero();
    }

    /** One message each turn, alternating a private one to bob and one to the group. */
    private static Sent send(SdkDevice alice, SdkDevice bobPhone, String bob, String groupId, int i) {
        return i % 2 == 0 ? alice.client().sendPrivate(bob, "private " + i) : alice.client().sendGroup(groupId, "group " + i);
    }

    private static List<JsonNode> history(SdkDevice reader, String chatId) {
        List<JsonNode> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = reader.client().api().get("/api/chats/" + chatId + "/messages?afterSeq=" + after + "&limit=200");
            page.get("messages").forEach(messages::add);
            if (page.get("messages").size() < 200) {
                return messages;
            }
            after = messages.get(messages.size() - 1).get("seq").asLong();
        }
    }

    private int analyst(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "--db-url", database.jdbcUrl(), "--db-user", database.username()));
        args.addAll(List.of(options));
        return ParleyAnalyst.run(args.toArray(String[]::new));
    }

}
