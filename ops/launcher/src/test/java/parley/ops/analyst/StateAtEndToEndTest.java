package parley.ops.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.analyst.ParleyAnalyst;
import parley.analyst.state.StateReport;
import parley.api.EventJson;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.TestDatabase;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;
import picocli.CommandLine;

/**
 * Issue 13, acceptance 2: {@code ./parley analyst state --at T} answers what the read API answered
 * at T. A group lives through joins, a rename, a role change, a leave, a removal and a rejoin,
 * messages and receipts (the test clients acknowledge delivery as real ones do); after each step the
 * test waits until the read API shows it and every acknowledgement has landed, records what the API
 * answers (group, chat list, receipts) and the time, and at the end replays the event store up to each
 * recorded time and compares.
 */
@PlatformTest
class StateAtEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static TestDatabase database;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        database = PlatformProperties.register(registry, "state_at");
    }

    final List<TestUser> users = new ArrayList<>();
    final List<StompTestClient> clients = new ArrayList<>();
    final List<Observed> observed = new ArrayList<>();
    String groupId;

    @BeforeEach
    void fiveConnectedUsers() throws Exception {
        for (String name : List.of("owner", "ann", "ben", "cid")) {
            TestUser user = http.registerAndLogin(name);
            users.add(user);
            clients.add(StompTestClient.connect(wsUrl(), user.accessToken()));
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(StompTestClient::close);
    }

    @Test
    void stateAtEachRecordedMomentEqualsWhatTheReadApiAnsweredThen() throws Exception {
        TestUser owner = users.get(0);
        TestUser ann = users.get(1);
        TestUser ben = users.get(2);
        TestUser cid = users.get(3);

        client(owner).send("/app/group.create", Map.of("clientCommandId", "g-1", "name", "Team",
                "memberIds", List.of(ann.userId().toString(), ben.userId().toString())));
        JsonNode created = client(owner).nextReply(WAIT);
        assertThat(created.get("type").asText()).isEqualTo("GroupCreated");
        groupId = created.get("groupId").asText();
        record(owner, o -> o.membersCount() == 3);

        send(owner, "m-1", 1);
        record(owner, o -> o.delivered(ann, 1) && o.delivered(ben, 1) && o.lastSeq() == 1);

        command(ann, "/app/chat.read", Map.of("chatId", groupId, "upToSeq", 1));
        command(owner, "/app/group.addMember", Map.of("clientCommandId", "a-1", "groupId", groupId, "userId", cid.userId().toString()));
        record(owner, o -> o.read(ann, 1) && o.membersCount() == 4);

        command(owner, "/app/group.setRole", Map.of("clientCommandId", "r-1", "groupId", groupId,
                "userId", ann.userId().toString(), "role", "ADMIN"));
        command(ann, "/app/group.rename", Map.of("clientCommandId", "n-1", "groupId", groupId, "name", "Team two"));
        record(owner, o -> o.role(ann, "ADMIN") && o.name().equals("Team two"));

        command(ben, "/app/group.leave", Map.of("clientCommandId", "l-1", "groupId", groupId));
        send(cid, "m-2", 2);
        record(owner, o -> o.membersCount() == 3 && o.lastSeq() == 2 && o.delivered(owner, 2) && o.delivered(ann, 2)
                && o.delivered(cid, 2));

        command(owner, "/app/group.removeMember", Map.of("clientCommandId", "x-1", "groupId", groupId, "userId", ann.userId().toString()));
        command(owner, "/app/group.addMember", Map.of("clientCommandId", "a-2", "groupId", groupId, "userId", ben.userId().toString()));
        record(owner, o -> o.membersCount() == 3 && o.isMember(ben) && !o.isMember(ann));

        send(owner, "m-3", 3);
        command(cid, "/app/chat.read", Map.of("chatId", groupId, "upToSeq", 3));
        record(owner, o -> o.lastSeq() == 3 && o.delivered(ben, 3) && o.read(cid, 3));

        assertThat(observed).hasSize(7);
        for (Observed then : observed) {
            StateReport state = stateAt(then.at());
            assertThat(Observed.of(state, then.at())).as("state --at %s", then.at()).isEqualTo(then);
        }
        assertThat(observed.get(4).receipts()).as("the scenario reached a member with watermarks past 0")
                .anyMatch(receipt -> receipt.endsWith(" 2/2"));
    }

    /** What the read API answers now, for the owner (a member throughout). */
    record Observed(Instant at, String name, int membersCount, int listedMembersCount, long lastSeq, List<String> members,
                    List<String> receipts) {

        boolean delivered(TestUser user, long seq) {
            return receipts.stream().anyMatch(r -> r.startsWith(user.userId() + " ") && Long.parseLong(r.split(" ")[1].split("/")[0]) >= seq);
        }

        boolean read(TestUser user, long seq) {
            return receipts.stream().anyMatch(r -> r.startsWith(user.userId() + " ") && Long.parseLong(r.split("/")[1]) >= seq);
        }

        boolean role(TestUser user, String role) {
            return members.stream().anyMatch(m -> m.startsWith(user.userId() + " " + role + " "));
        }

        boolean isMember(TestUser user) {
            return members.stream().anyMatch(m -> m.startsWith(user.userId() + " "));
        }

        static Observed of(StateReport state, Instant at) {
            List<String> members = state.members().stream()
                    .map(m -> m.userId() + " " + m.role() + " " + micros(m.joinedAt())).sorted().toList();
            List<String> receipts = state.members().stream()
                    .map(m -> m.userId() + " " + m.deliveredUpToSeq() + "/" + m.readUpToSeq()).sorted().toList();
            return new Observed(at, state.name(), state.membersCount(), state.membersCount(), state.lastSeq(), members, receipts);
        }
    }

    private Observed observe(TestUser viewer) {
        JsonNode group = http.get("/api/groups/" + groupId, viewer.accessToken()).body();
        JsonNode chats = http.get("/api/chats", viewer.accessToken()).body();
        JsonNode receipts = http.get("/api/chats/" + groupId + "/receipts", viewer.accessToken()).body();
        if (group == null || chats == null || receipts == null || !group.has("members") || !chats.isArray()) {
            return null;
        }
        JsonNode listed = null;
        for (JsonNode chat : chats) {
            if (groupId.equals(chat.path("chatId").asText())) {
                listed = chat;
            }
        }
        if (listed == null) {
            return null;
        }
        List<String> members = new ArrayList<>();
        group.get("members").forEach(m -> members.add(m.get("userId").asText() + " " + m.get("role").asText() + " "
                + micros(Instant.parse(m.get("joinedAt").asText()))));
        List<String> marks = new ArrayList<>();
        receipts.get("receipts").forEach(r -> marks.add(r.get("userId").asText() + " " + r.get("deliveredUpToSeq").asLong() + "/"
                + r.get("readUpToSeq").asLong()));
        members.sort(Comparator.naturalOrder());
        marks.sort(Comparator.naturalOrder());
        return new Observed(null, group.get("name").asText(), group.get("membersCount").asInt(), listed.get("membersCount").asInt(),
                listed.get("lastSeq").asLong(), List.copyOf(members), List.copyOf(marks));
    }

    /**
     * Waits until the read API shows {@code expected} and answers the same twice (nothing still in
     * flight), then records that answer and the time: all events it reflects were stored before then,
     * and the next step's only after.
     */
    private void record(TestUser viewer, Predicate<Observed> expected) {
        Observed[] last = new Observed[1];
        Observed settled = await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Observed now = observe(viewer);
            Observed before = last[0];
            last[0] = now;
            return now != null && now.equals(before) ? now : null;
        }, now -> now != null && expected.test(now));
        Instant at = Instant.now();
        observed.add(new Observed(at, settled.name(), settled.membersCount(), settled.listedMembersCount(), settled.lastSeq(),
                settled.members(), settled.receipts()));
    }

    private void send(TestUser sender, String clientMessageId, long expectedSeq) throws InterruptedException {
        client(sender).send("/app/group.send", Map.of("groupId", groupId, "clientMessageId", clientMessageId,
                "envelope", Map.of("text", clientMessageId)));
        JsonNode accepted = client(sender).nextReply(WAIT);
        assertThat(accepted.get("seq").asLong()).as(accepted.toString()).isEqualTo(expectedSeq);
    }

    private void command(TestUser user, String destination, Map<String, Object> body) throws InterruptedException {
        client(user).send(destination, body);
        JsonNode reply = client(user).nextReply(WAIT);
        assertThat(reply.get("type").asText()).as(destination + " " + reply).isEqualTo("CommandAccepted");
    }

    private StompTestClient client(TestUser user) {
        return clients.get(users.indexOf(user));
    }

    private StateReport stateAt(Instant at) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ParleyAnalyst()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("state", "--chat", groupId, "--at", at.toString(), "--json",
                        "--db-url", database.jdbcUrl(), "--db-user", database.username());
        assertThat(code).as(err.toString()).isZero();
        return EventJson.objectMapper().readValue(out.toString(), StateReport.class);
    }

    /** The read tables keep microseconds, rounded (as PostgreSQL rounds a timestamp); an event's instant may carry more. */
    private static String micros(Instant time) {
        return time.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }
}
