package parley.projections.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.receipt.ReceiptAdvanced;
import parley.local.TestDatabase;
import parley.projections.generation.ProjectionLogic;
import parley.projections.generation.ReadModelMigrations;

/**
 * The members count of {@code group_chats} against the {@code group_members} rows, through the real
 * projections on PostgreSQL: for any stream of joins, leaves, removals, role changes and messages a
 * group's aggregate could record, with any of it delivered again (a consumer that restarts from an
 * older offset replays a suffix of the stream; a lost commit redelivers one record), the count equals
 * the rows, and the rows are the stream's members. At the end the group's tables (members, roles,
 * count, last seq, watermarks, messages) equal those of a second database that received the stream
 * once, in order: redelivery changes nothing a from-scratch replay would not have.
 *
 * <p>Budget: 20 tries of 10 to 30 operations, each on its own group, in two databases. A failure prints
 * its seed: rerun it with {@code @Property(seed = "<seed>")} (fixed seeds are allowed, see
 * {@code junit-platform.properties}); a plain rerun tries the failing sample first (jqwik's database is
 * under {@code target/}).
 */
class GroupTablesPropertyIntegrationTest {

    private static final Instant AT = Instant.parse("2026-12-03T00:00:00Z");
    private static final List<UUID> USERS = List.of(user(1), user(2), user(3), user(4), user(5), user(6));
    private static final UUID OWNER = USERS.get(0);
    private static final AtomicLong GROUPS = new AtomicLong();

    private static final TestDatabase DATABASE = TestDatabase.create("group_properties");
    private static final SingleConnectionDataSource DATA_SOURCE = migrated(
            new SingleConnectionDataSource(DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password(), true));
    private static final ProjectionLogic PROJECTIONS = ProjectionLogic.over(DATA_SOURCE);
    private static final JdbcClient JDBC = JdbcClient.create(DATA_SOURCE);
    private static final TestDatabase CLEAN_DATABASE = TestDatabase.create("group_properties_clean");
    private static final SingleConnectionDataSource CLEAN_DATA_SOURCE = migrated(new SingleConnectionDataSource(
            CLEAN_DATABASE.jdbcUrl(), CLEAN_DATABASE.username(), CLEAN_DATABASE.password(), true));
    private static final ProjectionLogic CLEAN_PROJECTIONS = ProjectionLogic.over(CLEAN_DATA_SOURCE);

    /**
     * What happens next: a member joins or goes, a role changes, a message is sent, a member's receipt
     * comes, or earlier records come again.
     */
    enum Kind { JOIN_OR_GO, ROLE, SEND, RECEIPT, REPLAY_FROM, REDELIVER_ONE }

    /** A record as the topic carries it: the event and its sequence in its aggregate's stream. */
    record Delivery(Object event, long sequence) {
        void applyTo(ProjectionLogic projections) {
            projections.dispatch().apply(event, sequence);
        }
    }

    record Operation(Kind kind, int user, int position) {
    }

    @Property(tries = 20)
    void membersCountEqualsTheMemberRowsWhateverIsRedelivered(@ForAll("operations") List<Operation> operations) {
        UUID group = new UUID(0x6770L, GROUPS.incrementAndGet());
        List<Delivery> stream = new ArrayList<>();
        Map<UUID, GroupRole> members = new HashMap<>();
        Map<UUID, Long> receipts = new HashMap<>();
        long lastSeq = 0;
        deliver(stream, new GroupCreated(group, "g", OWNER, AT));
        deliver(stream, new MemberAdded(group, OWNER, GroupRole.OWNER, OWNER, 0, AT));
        members.put(OWNER, GroupRole.OWNER);

        for (Operation operation : operations) {
            UUID user = USERS.get(operation.user());
            switch (operation.kind()) {
                case JOIN_OR_GO -> {
                    if (user.equals(OWNER)) {
                        continue; // the group keeps its owner, as the aggregate requires
                    }
                    if (members.remove(user) != null) {
                        deliver(stream, operation.position() % 2 == 0 ? MemberRemoved.left(group, user, AT)
                                : MemberRemoved.removed(group, user, OWNER, AT));
                    } else {
                        members.put(user, GroupRole.MEMBER);
                        deliver(stream, new MemberAdded(group, user, GroupRole.MEMBER, OWNER, lastSeq, AT));
                    }
                }
                case ROLE -> {
                    if (members.containsKey(user) && !user.equals(OWNER)) {
                        GroupRole role = members.get(user) == GroupRole.MEMBER ? GroupRole.ADMIN : GroupRole.MEMBER;
                        members.put(user, role);
                        deliver(stream, new RoleChanged(group, user, role, OWNER, AT));
                    }
                }
                case SEND -> {
                    UUID sender = members.containsKey(user) ? user : OWNER;
                    lastSeq++;
                    UUID messageId = new UUID(group.getLeastSignificantBits(), lastSeq);
                    deliver(stream, new GroupMessageSent(group, messageId, lastSeq, sender, "c-" + lastSeq,
                            new Envelope("{\"n\":" + lastSeq + "}"), AT));
                }
                case RECEIPT -> {
                    if (members.containsKey(user) && lastSeq > 0) {
                        // The member's own receipt stream (another aggregate): its sequence counts its receipts.
                        long upTo = 1 + operation.position() % lastSeq;
                        long sequence = receipts.merge(user, 1L, Long::sum) - 1;
                        Delivery receipt = new Delivery(new ReceiptAdvanced(group, ChatType.GROUP, user, upTo, upTo, AT), sequence);
                        stream.add(receipt);
                        receipt.applyTo(PROJECTIONS);
                    }
                }
                case REPLAY_FROM -> stream.subList(operation.position() % stream.size(), stream.size())
                        .forEach(delivery -> delivery.applyTo(PROJECTIONS));
                case REDELIVER_ONE -> stream.get(operation.position() % stream.size()).applyTo(PROJECTIONS);
            }
            assertMembers(group, members.keySet());
            Statistics.label("operations").collect(operation.kind());
        }

        stream.forEach(delivery -> delivery.applyTo(CLEAN_PROJECTIONS));
        assertThat(tables(JdbcClient.create(DATA_SOURCE), group)).as("the tables after redeliveries, as a replay has them")
                .isEqualTo(tables(JdbcClient.create(CLEAN_DATA_SOURCE), group));
    }

    /** Appends {@code event} to the group's stream, at the next sequence of the group, and applies it. */
    private static void deliver(List<Delivery> stream, Object event) {
        long sequence = stream.stream().filter(delivery -> !(delivery.event() instanceof ReceiptAdvanced)).count();
        Delivery delivery = new Delivery(event, sequence);
        stream.add(delivery);
        delivery.applyTo(PROJECTIONS);
    }

    /** The group's rows in every table the group's events and its members' receipts write. */
    private static List<String> tables(JdbcClient jdbc, UUID group) {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("SELECT concat_ws(' ', name, members_count, last_seq) FROM group_chats WHERE group_id = :g")
                .param("g", group).query(String.class).list());
        rows.addAll(jdbc.sql("SELECT concat_ws(' ', user_id, role, joined_at_seq) FROM group_members WHERE group_id = :g ORDER BY user_id")
                .param("g", group).query(String.class).list());
        rows.addAll(jdbc.sql("""
                SELECT concat_ws(' ', user_id, delivered_up_to, read_up_to) FROM group_chat_status WHERE group_id = :g ORDER BY user_id""")
                .param("g", group).query(String.class).list());
        rows.addAll(jdbc.sql("SELECT concat_ws(' ', seq, message_id, sender_id) FROM messages WHERE chat_id = :g ORDER BY seq")
                .param("g", group).query(String.class).list());
        return rows;
    }

    private static void assertMembers(UUID group, Set<UUID> members) {
        List<UUID> rows = JDBC.sql("SELECT user_id FROM group_members WHERE group_id = :g")
                .param("g", group).query(UUID.class).list();
        int count = JDBC.sql("SELECT members_count FROM group_chats WHERE group_id = :g")
                .param("g", group).query(Integer.class).single();
        assertThat(count).as("members_count equals the member rows").isEqualTo(rows.size());
        assertThat(rows).as("the rows are the stream's members").containsExactlyInAnyOrderElementsOf(members);
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Kind.JOIN_OR_GO)),
                Tuple.of(3, Arbitraries.just(Kind.ROLE)), Tuple.of(2, Arbitraries.just(Kind.SEND)),
                Tuple.of(2, Arbitraries.just(Kind.RECEIPT)), Tuple.of(1, Arbitraries.just(Kind.REPLAY_FROM)),
                Tuple.of(3, Arbitraries.just(Kind.REDELIVER_ONE)));
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS.size() - 1);
        return Combinators.combine(kind, user, Arbitraries.integers().between(0, 1000))
                .as(Operation::new)
                .list().ofMinSize(10).ofMaxSize(30).withSizeDistribution(RandomDistribution.uniform());
    }

    @AfterContainer
    static void close() {
        PROJECTIONS.close();
        DATA_SOURCE.destroy();
        CLEAN_PROJECTIONS.close();
        CLEAN_DATA_SOURCE.destroy();
    }

    private static SingleConnectionDataSource migrated(SingleConnectionDataSource dataSource) {
        ReadModelMigrations.flyway(dataSource).migrate();
        return dataSource;
    }

    private static UUID user(int n) {
        return UUID.fromString("00000000-0000-7000-8000-00000000000" + n);
    }
}
