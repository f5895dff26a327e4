package parley.analyst.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.receipt.ReceiptAdvanced;

/**
 * Not a test: fills a fresh database with one group of {@code chatEvents} events (messages with a
 * 300-byte ciphertext envelope, receipts in the members' own aggregates, joins, leaves and role
 * changes) among {@code otherEvents} events of 100 other groups, stored as Axon stores them, and
 * prints the database's JDBC URL and the chat's id for {@code ./parley analyst state}.
 * Run: {@code java -cp ... parley.analyst.state.StateBenchmarkData [chatEvents] [otherEvents] [jdbc:postgresql://host:port/]};
 * it (re)creates the database {@code parley_state_bench} there (user postgres), which is left for later runs.
 */
public final class StateBenchmarkData {

    public static void main(String[] args) throws Exception {
        int chatEvents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int otherEvents = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String server = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/";
        String url = server + "parley_state_bench";
        // Its own database, not a TestDatabase: those are dropped when the JVM exits, and this one is for later runs.
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS parley_state_bench WITH (FORCE)");
            statement.execute("CREATE DATABASE parley_state_bench");
        }
        Random random = new Random(13);
        Envelope envelope = new Envelope("{\"v\":1,\"ciphertext\":\"" + "A".repeat(300) + "\"}");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        UUID chat = UUID.randomUUID();
        List<Group> others = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.setAutoCommit(false);
            StoredEvents store = new StoredEvents(connection);
            Group main = new Group(chat, store);
            for (int i = 0; i < 100; i++) {
                others.add(new Group(UUID.randomUUID(), store));
            }
            long written = 0;
            long total = chatEvents + (long) otherEvents;
            Instant time = start;
            while (written < total) {
                time = time.plusMillis(7);
                boolean ofTheChat = random.nextLong(total) < chatEvents && main.events < chatEvents;
                Group group = ofTheChat || others.isEmpty() ? main : others.get(random.nextInt(others.size()));
                if (!ofTheChat && main.events >= chatEvents && group == main) {
                    group = others.get(0);
                }
                group.next(time, random, envelope);
                written++;
                if (written % 10_000 == 0) {
                    connection.commit();
                    System.err.print("\r" + written + " events stored");
                }
            }
            store.close();
            connection.commit();
            System.err.println();
            System.out.println("url=" + url + " chat=" + chat + " chatEvents=" + main.events + " end=" + time);
        }
    }

    /** One group's life: created with 50 members, then mostly messages and receipts, now and then a join, leave or role change. */
    private static final class Group {

        final UUID id;
        final StoredEvents store;
        final List<UUID> members = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();
        long seq;
        long events;

        Group(UUID id, StoredEvents store) {
            this.id = id;
            this.store = store;
        }

        void next(Instant time, Random random, Envelope envelope) throws Exception {
            if (events == 0) {
                emit(id.toString(), "GroupChat", time, new GroupCreated(id, "bench", UUID.randomUUID(), time));
                return;
            }
            if (members.size() < 50) {
                UUID user = UUID.randomUUID();
                members.add(user);
                emit(id.toString(), "GroupChat", time,
                        new MemberAdded(id, user, members.size() == 1 ? GroupRole.OWNER : GroupRole.MEMBER, user, seq, time));
                return;
            }
            int dice = random.nextInt(1000);
            UUID member = members.get(1 + random.nextInt(members.size() - 1));
            if (dice < 560) {
                seq++;
                emit(id.toString(), "GroupChat", time,
                        new GroupMessageSent(id, UUID.randomUUID(), seq, member, "c" + seq, envelope, time));
            } else if (dice < 990) {
                long delivered = Math.max(1, seq - random.nextInt(3));
                long read = Math.max(0, delivered - random.nextInt(3));
                emit(id + ":" + member, "MemberReceipt", time, new ReceiptAdvanced(id, ChatType.GROUP, member, delivered, read, time));
            } else if (dice < 995) {
                emit(id.toString(), "GroupChat", time, new RoleChanged(id, member,
                        random.nextBoolean() ? GroupRole.ADMIN : GroupRole.MEMBER, members.get(0), time));
            } else {
                members.remove(member);
                emit(id.toString(), "GroupChat", time, MemberRemoved.left(id, member, time));
            }
        }

        private void emit(String aggregate, String type, Instant time, Object event) throws Exception {
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            store.append(type, aggregate, sequence, time, event);
            events++;
        }
    }
}
