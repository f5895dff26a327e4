package parley.analyst.bench;

import java.sql.Connection;
import java.sql.SQLException;
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
 * Appends one busy group of {@code chatEvents} events (messages with a 300-byte ciphertext envelope,
 * receipts in the members' own aggregates, joins, leaves and role changes) among {@code otherEvents}
 * events of 100 other groups, stored as Axon stores them: what {@code state --at} is measured on
 * (ops/bench's analyst scenario, and {@code StateBenchmarkData} by hand). Deterministic for a seed.
 */
public final class BusyGroupChat {

    /** The chat to ask {@code state} about, and the times its events span. */
    public record Result(UUID chat, long chatEvents, long events, Instant first, Instant last) {
    }

    private BusyGroupChat() {
    }

    /** Appends the events from {@code start} on, 7 ms apart, in transactions of 10,000 (commits {@code connection}). */
    public static Result append(Connection connection, long chatEvents, long otherEvents, long seed, Instant start)
            throws SQLException {
        Random random = new Random(seed);
        Envelope envelope = new Envelope("{\"v\":1,\"ciphertext\":\"" + "A".repeat(300) + "\"}");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (StoredEvents store = new StoredEvents(connection)) {
            Group main = new Group(uuid(random), store);
            List<Group> others = new ArrayList<>();
            for (int i = 0; i < 100 && otherEvents > 0; i++) {
                others.add(new Group(uuid(random), store));
            }
            long written = 0;
            long total = chatEvents + otherEvents;
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
                    store.flush();
                    connection.commit();
                }
            }
            store.flush();
            connection.commit();
            return new Result(main.id, main.events, written, start.plusMillis(7), time);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static UUID uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
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

        void next(Instant time, Random random, Envelope envelope) throws SQLException {
            if (events == 0) {
                emit(id.toString(), "GroupChat", time, new GroupCreated(id, "bench", uuid(random), time));
                return;
            }
            if (members.size() < 50) {
                UUID user = uuid(random);
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
                        new GroupMessageSent(id, uuid(random), seq, member, "c" + seq, envelope, time));
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

        private void emit(String aggregate, String type, Instant time, Object event) throws SQLException {
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            store.append(type, aggregate, sequence, time, event);
            events++;
        }
    }
}
