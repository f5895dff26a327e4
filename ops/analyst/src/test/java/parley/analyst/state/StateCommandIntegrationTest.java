package parley.analyst.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.analyst.ParleyAnalyst;
import parley.analyst.bench.StoredEvents;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.EventJson;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.ReceiptAdvanced;
import parley.local.TestDatabase;
import picocli.CommandLine;

/**
 * {@code state} through the command line against a real PostgreSQL holding rows as Axon stores them:
 * a group with joins, a role change, a leave and a rejoin, receipts in their own aggregates, and
 * another group's and a private chat's events interleaved (the chat filter must keep them out).
 */
class StateCommandIntegrationTest {

    static final TestDatabase DATABASE = TestDatabase.create("analyst_state");
    static final UUID GROUP = UUID.fromString("0190a000-0000-7000-8000-0000000000a1");
    static final UUID OTHER = UUID.fromString("0190a000-0000-7000-8000-0000000000b2");
    static final UUID PRIVATE = UUID.fromString("0190a000-0000-7000-8000-0000000000c3");
    static final UUID OWNER = UUID.fromString("90000000-0000-4000-8000-000000000001");
    static final UUID ANN = UUID.fromString("10000000-0000-4000-8000-000000000002");
    static final UUID BEN = UUID.fromString("20000000-0000-4000-8000-000000000003");
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final Envelope ENVELOPE = new Envelope("{\"ciphertext\":\"AAAA\"}");

    static final Map<String, Long> sequences = new HashMap<>();

    @BeforeAll
    static void storeTheScenario() throws Exception {
        try (Connection connection = connect(); StoredEvents store = new StoredEvents(connection)) {
            group(store, GROUP, 0, new GroupCreated(GROUP, "Team", OWNER, T0));
            group(store, GROUP, 0, new MemberAdded(GROUP, OWNER, GroupRole.OWNER, OWNER, 0, T0));
            group(store, GROUP, 0, new MemberAdded(GROUP, ANN, GroupRole.MEMBER, OWNER, 0, T0));
            group(store, OTHER, 0, new GroupCreated(OTHER, "Elsewhere", ANN, T0));
            group(store, OTHER, 0, new MemberAdded(OTHER, ANN, GroupRole.OWNER, ANN, 0, T0));
            group(store, GROUP, 1, new GroupMessageSent(GROUP, UUID.randomUUID(), 1, OWNER, "m1", ENVELOPE, t(1)));
            group(store, OTHER, 1, new GroupMessageSent(OTHER, UUID.randomUUID(), 1, ANN, "o1", ENVELOPE, t(1)));
            receipt(store, OTHER, ANN, 1, new ReceiptAdvanced(OTHER, ChatType.GROUP, ANN, 1, 1, t(1)));
            receipt(store, GROUP, ANN, 2, new ReceiptAdvanced(GROUP, ChatType.GROUP, ANN, 1, 0, t(2)));
            receipt(store, GROUP, ANN, 3, new ReceiptAdvanced(GROUP, ChatType.GROUP, ANN, 1, 1, t(3)));
            privately(store, 3, new PrivateChatStarted(PRIVATE, ANN, OWNER, t(3)));
            privately(store, 3, new PrivateMessageSent(PRIVATE, UUID.randomUUID(), 1, ANN, OWNER, "p1", ENVELOPE, t(3)));
            group(store, GROUP, 4, new MemberAdded(GROUP, BEN, GroupRole.MEMBER, OWNER, 1, t(4)));
            group(store, GROUP, 5, new RoleChanged(GROUP, ANN, GroupRole.ADMIN, OWNER, t(5)));
            group(store, GROUP, 6, new GroupMessageSent(GROUP, UUID.randomUUID(), 2, BEN, "m2", ENVELOPE, t(6)));
            receipt(store, GROUP, OWNER, 7, new ReceiptAdvanced(GROUP, ChatType.GROUP, OWNER, 2, 2, t(7)));
            receipt(store, GROUP, ANN, 7, new ReceiptAdvanced(GROUP, ChatType.GROUP, ANN, 2, 1, t(7)));
            group(store, GROUP, 8, MemberRemoved.left(GROUP, ANN, t(8)));
            group(store, GROUP, 9, new GroupMessageSent(GROUP, UUID.randomUUID(), 3, OWNER, "m3", ENVELOPE, t(9)));
            group(store, GROUP, 10, new MemberAdded(GROUP, ANN, GroupRole.MEMBER, OWNER, 3, t(10)));
            receipt(store, GROUP, BEN, 11, new ReceiptAdvanced(GROUP, ChatType.GROUP, BEN, 3, 3, t(11)));
        }
    }

    @Test
    void theGroupAtEachMomentIsWhatItsEventsUpToThenMake() throws Exception {
        StateReport beforeAnything = json("--at", T0.minusMillis(1).toString()).report;
        assertThat(beforeAnything).isNull();

        StateReport created = json("--at", T0.toString()).report;
        assertThat(created.type()).isEqualTo("GROUP");
        assertThat(created.name()).isEqualTo("Team");
        assertThat(created.membersCount()).isEqualTo(2);
        assertThat(created.lastSeq()).isZero();
        assertThat(members(created)).containsExactly("10000000-0000-4000-8000-000000000002 MEMBER 0 0/0",
                "90000000-0000-4000-8000-000000000001 OWNER 0 0/0");

        StateReport afterRoleChange = json("--at", t(5).toString()).report;
        assertThat(afterRoleChange.membersCount()).isEqualTo(3);
        assertThat(afterRoleChange.lastSeq()).isEqualTo(1);
        assertThat(members(afterRoleChange)).containsExactly("10000000-0000-4000-8000-000000000002 ADMIN 0 1/1",
                "20000000-0000-4000-8000-000000000003 MEMBER 1 0/0", "90000000-0000-4000-8000-000000000001 OWNER 0 1/1");

        StateReport afterLeave = json("--at", t(8).toString()).report;
        assertThat(afterLeave.membersCount()).isEqualTo(2);
        assertThat(members(afterLeave)).containsExactly("20000000-0000-4000-8000-000000000003 MEMBER 1 2/2",
                "90000000-0000-4000-8000-000000000001 OWNER 0 2/2");

        StateReport now = json().report;
        assertThat(now.membersCount()).isEqualTo(3);
        assertThat(now.lastSeq()).isEqualTo(3);
        assertThat(now.messages()).isEqualTo(3);
        assertThat(members(now)).as("a rejoined member starts from 0 at their new joining seq").containsExactly(
                "10000000-0000-4000-8000-000000000002 MEMBER 3 0/0", "20000000-0000-4000-8000-000000000003 MEMBER 1 3/3",
                "90000000-0000-4000-8000-000000000001 OWNER 0 3/3");
        assertThat(now.events()).as("the group's 10 events and its 5 receipts, nothing of the others").isEqualTo(15);
    }

    @Test
    void aGlobalIndexBoundsTheReplayAsTimeDoes() throws Exception {
        long position = positionOfTheLastEventAt(t(5));
        StateReport byPosition = json("--at-position", String.valueOf(position)).report;
        StateReport byTime = json("--at", t(5).toString()).report;

        assertThat(byPosition.lastPosition()).isEqualTo(position);
        assertThat(members(byPosition)).isEqualTo(members(byTime));
        assertThat(byPosition.atPosition()).isEqualTo(position);
    }

    @Test
    void aPrivateChatHasItsTwoParticipantsAndAnOffsetTimeIsAccepted() throws Exception {
        StateReport state = json("--chat", PRIVATE.toString(), "--at", "2025-03-01T13:00:03+01:00").report;

        assertThat(state.type()).isEqualTo("PRIVATE");
        assertThat(state.membersCount()).isEqualTo(2);
        assertThat(state.lastSeq()).isEqualTo(1);
        assertThat(members(state)).containsExactly("10000000-0000-4000-8000-000000000002 null 0 1/1",
                "90000000-0000-4000-8000-000000000001 null 0 0/0");
    }

    @Test
    void theTableNamesTheChatAndEveryMember() {
        Run run = run("state", "--chat", GROUP.toString(), "--at", t(5).toString());

        assertThat(run.code).isZero();
        assertThat(run.out).contains("group chat " + GROUP + " \"Team\", at " + t(5)).contains("members        3")
                .contains("last seq       1");
        assertThat(run.out.lines().filter(line -> line.startsWith("10000000-0000-4000-8000-000000000002")).findFirst())
                .hasValueSatisfying(line -> assertThat(line.split("\\s+")).containsExactly(
                        "10000000-0000-4000-8000-000000000002", "ADMIN", "0", "2025-03-01T12:00:00Z", "1", "1"));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        Run badTime = run("state", "--chat", GROUP.toString(), "--at", "yesterday");
        assertThat(badTime.code).isEqualTo(2);
        assertThat(badTime.err).contains("--at must be an ISO-8601 time");

        Run badChat = run("state", "--chat", "group-1");
        assertThat(badChat.code).isEqualTo(2);
        assertThat(badChat.err).contains("--chat must be a chat id");

        Run both = run("state", "--chat", GROUP.toString(), "--at", T0.toString(), "--at-position", "3");
        assertThat(both.code).isEqualTo(2);
        assertThat(both.err).contains("exclude each other");

        Run unknown = run("state", "--chat", UUID.randomUUID().toString());
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.err).contains("did not exist now");
    }

    record Parsed(StateReport report) {
    }

    record Run(int code, String out, String err) {
    }

    static Parsed json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("state", "--json"));
        if (!List.of(args).contains("--chat")) {
            all.addAll(List.of("--chat", GROUP.toString()));
        }
        all.addAll(List.of(args));
        Run run = run(all.toArray(String[]::new));
        if (run.code == 1) {
            return new Parsed(null);
        }
        assertThat(run.code).as(run.err).isZero();
        return new Parsed(EventJson.objectMapper().readValue(run.out, StateReport.class));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ParleyAnalyst()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", DATABASE.jdbcUrl(), "--db-user", DATABASE.username()));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** Each member as "user role joinedAtSeq delivered/read", in the order printed. */
    static List<String> members(StateReport report) {
        return report.members().stream().map(m -> m.userId() + " " + m.role() + " " + m.joinedAtSeq() + " "
                + m.deliveredUpToSeq() + "/" + m.readUpToSeq()).toList();
    }

    static long positionOfTheLastEventAt(Instant time) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT globalindex, timestamp FROM domainevententry ORDER BY globalindex")) {
            long last = 0;
            while (rows.next()) {
                if (!Instant.parse(rows.getString(2)).isAfter(time)) {
                    last = rows.getLong(1);
                }
            }
            return last;
        }
    }

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static void group(StoredEvents store, UUID group, int seconds, Object event) throws Exception {
        store.append("GroupChat", group.toString(), next(group.toString()), t(seconds), event);
    }

    static void privately(StoredEvents store, int seconds, Object event) throws Exception {
        store.append("PrivateChat", PRIVATE.toString(), next(PRIVATE.toString()), t(seconds), event);
    }

    static void receipt(StoredEvents store, UUID chat, UUID user, int seconds, Object event) throws Exception {
        String id = chat + ":" + user;
        store.append("MemberReceipt", id, next(id), t(seconds), event);
    }

    static long next(String aggregate) {
        return sequences.merge(aggregate, 1L, Long::sum) - 1;
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password());
    }
}
