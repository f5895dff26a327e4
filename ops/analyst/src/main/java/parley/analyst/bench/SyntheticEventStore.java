package parley.analyst.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.EventJson;
import parley.api.Ids;
import parley.api.UserPair;
import parley.api.device.DeviceKeysPublished;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.AdvanceReceipt;
import parley.api.receipt.ReceiptAdvanced;
import parley.api.user.UserRegistered;

/**
 * Fills an event store with {@code N} synthetic but valid events, stored exactly as Axon stores them
 * (payload and metadata serialised with {@link EventJson#serializer()}, per-aggregate sequences from
 * 0, ISO-8601 timestamps): users with a device each, groups of {@value #GROUP_SIZE}, private chats,
 * then messages (envelope v1 shapes with random bytes, never a readable text) and read receipts.
 * Rows go in with PostgreSQL's {@code COPY} in batches, so a million events take seconds and constant
 * memory. For benchmarks and tests of the analyst tools; deterministic for a given seed.
 */
public final class SyntheticEventStore {

    static final int GROUP_SIZE = 8;
    private static final int BATCH = 10_000;
    private static final String COPY = "COPY domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata) FROM STDIN WITH (FORMAT csv)";

    /** What was generated: the totals a test or benchmark checks its results against. */
    public record Summary(long events, int users, int groups, int privateChats, long groupMessages, long privateMessages,
                          long receipts, Instant first, Instant last) {
    }

    private final Connection connection;
    private final Random random;
    private final Serializer serializer = EventJson.serializer();
    private final Map<String, Long> sequences = new HashMap<>();
    private final StringBuilder batch = new StringBuilder();
    private final HexFormat hex = HexFormat.of();
    private int batched;
    private long events;
    private Instant clock;
    private final Instant start;

    private SyntheticEventStore(Connection connection, long seed, Instant start) {
        this.connection = connection;
        this.random = new Random(seed);
        this.start = start;
        this.clock = start;
    }

    /** Appends about {@code total} events (never fewer) to the store behind {@code connection}, from {@code start} on, a second apart. */
    public static Summary generate(Connection connection, long total, long seed, Instant start) throws SQLException {
        return new SyntheticEventStore(connection, seed, start).fill(total);
    }

    private Summary fill(long total) throws SQLException {
        int userCount = (int) Math.max(GROUP_SIZE * 2, Math.min(2_000, total / 500));
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            UUID user = new UUID(0x5EED_0000_0000_0000L | i, random.nextLong());
            users.add(user);
            append(user.toString(), "UserAccount", new UserRegistered(user, "user" + i, "User " + i, tick()));
            append(user.toString(), "UserAccount", new DeviceKeysPublished(user, "device-1", bytes(32), bytes(32), tick()));
        }
        List<UUID> groups = new ArrayList<>();
        List<List<UUID>> members = new ArrayList<>();
        Map<UUID, Long> seqs = new HashMap<>();
        for (int g = 0; g < userCount / GROUP_SIZE; g++) {
            UUID group = new UUID(0x6000_0000_0000_0000L | g, random.nextLong());
            List<UUID> groupMembers = users.subList(g * GROUP_SIZE, (g + 1) * GROUP_SIZE);
            Instant created = tick();
            append(group.toString(), "GroupChat", new GroupCreated(group, "Group " + g, groupMembers.get(0), created));
            for (int m = 0; m < groupMembers.size(); m++) {
                append(group.toString(), "GroupChat", new MemberAdded(group, groupMembers.get(m), m == 0 ? GroupRole.OWNER : GroupRole.MEMBER,
                        groupMembers.get(0), 0, created));
            }
            groups.add(group);
            members.add(groupMembers);
        }
        List<UUID[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < userCount; i += 2) {
            UserPair pair = UserPair.of(users.get(i), users.get(i + 1));
            UUID chat = Ids.privateChatId(pair.low(), pair.high());
            append(chat.toString(), "PrivateChat", new PrivateChatStarted(chat, pair.low(), pair.high(), tick()));
            pairs.add(new UUID[] {chat, pair.low(), pair.high()});
        }
        long groupMessages = 0;
        long privateMessages = 0;
        long receipts = 0;
        while (events < total) {
            int dice = random.nextInt(100);
            if (dice < 70) {
                int g = random.nextInt(groups.size());
                UUID group = groups.get(g);
                UUID sender = members.get(g).get(random.nextInt(GROUP_SIZE));
                long seq = seqs.merge(group, 1L, Long::sum);
                append(group.toString(), "GroupChat", new GroupMessageSent(group, new UUID(random.nextLong(), random.nextLong()), seq,
                        sender, "c-" + seq, envelope(GROUP_SIZE - 1), tick()));
                groupMessages++;
            } else if (dice < 85) {
                UUID[] pair = pairs.get(random.nextInt(pairs.size()));
                boolean lowSends = random.nextBoolean();
                long seq = seqs.merge(pair[0], 1L, Long::sum);
                append(pair[0].toString(), "PrivateChat", new PrivateMessageSent(pair[0], new UUID(random.nextLong(), random.nextLong()),
                        seq, lowSends ? pair[1] : pair[2], lowSends ? pair[2] : pair[1], "c-" + seq, envelope(1), tick()));
                privateMessages++;
            } else {
                int g = random.nextInt(groups.size());
                UUID group = groups.get(g);
                long seq = seqs.getOrDefault(group, 0L);
                if (seq == 0) {
                    continue;
                }
                UUID reader = members.get(g).get(random.nextInt(GROUP_SIZE));
                append(AdvanceReceipt.idOf(group, reader), "MemberReceipt",
                        new ReceiptAdvanced(group, ChatType.GROUP, reader, seq, seq, tick()));
                receipts++;
            }
        }
        flush();
        return new Summary(events, userCount, groups.size(), pairs.size(), groupMessages, privateMessages, receipts, start,
                clock.minusSeconds(1));
    }

    private Instant tick() {
        Instant now = clock;
        clock = clock.plus(Duration.ofSeconds(1));
        return now;
    }

    private String bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The shape of an envelope v1 (docs/e2ee.md) with random bytes: as large as a real one, never readable. */
    private Envelope envelope(int recipients) {
        StringBuilder json = new StringBuilder("{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM-Ed25519\",\"senderDeviceId\":\"device-1\",")
                .append("\"nonce\":\"").append(bytes(12)).append("\",\"ciphertext\":\"").append(bytes(48 + random.nextInt(200)))
                .append("\",\"recipients\":[");
        for (int i = 0; i < recipients; i++) {
            json.append(i == 0 ? "" : ",").append("{\"userId\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"deviceId\":\"device-1\",\"ephemeralKey\":\"").append(bytes(32))
                    .append("\",\"wrappedKey\":\"").append(bytes(48)).append("\"}");
        }
        return new Envelope(json.append("],\"signature\":\"").append(bytes(64)).append("\"}").toString());
    }

    private void append(String aggregateId, String aggregateType, Object payload) throws SQLException {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        MetaData metaData = MetaData.with("traceId", UUID.randomUUID().toString()).and("correlationId", UUID.randomUUID().toString());
        SerializedObject<byte[]> meta = serializer.serialize(metaData, byte[].class);
        Instant time = payloadTime(payload);
        batch.append(new UUID(random.nextLong(), random.nextLong())).append(',').append(aggregateId).append(',').append(sequence)
                .append(',').append(aggregateType).append(',').append(time).append(',').append(data.getType().getName())
                .append(',').append(data.getType().getRevision() == null ? "" : data.getType().getRevision())
                .append(",\\x").append(hex.formatHex(data.getData())).append(",\\x").append(hex.formatHex(meta.getData())).append('\n');
        events++;
        if (++batched == BATCH) {
            flush();
        }
    }

    /** The stored time is the one the payload carries (Axon stamps the event when the aggregate applies it). */
    private Instant payloadTime(Object payload) {
        return clock.minusSeconds(1);
    }

    private void flush() throws SQLException {
        if (batched == 0) {
            return;
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(COPY, new StringReader(batch.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into domainevententry failed", e);
        }
        batch.setLength(0);
        batched = 0;
    }
}
