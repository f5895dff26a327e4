package parley.analyst.rebuild;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.EventJson;
import parley.api.Ids;
import parley.api.device.DeviceKeysPublished;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.ReceiptAdvanced;
import parley.analyst.bench.StoredEvents;
import parley.api.user.UserRegistered;

/**
 * A chat history written into a real Axon event table (as Axon's JDBC engine stores it: its
 * serializer, one row per event, aggregate sequence numbers), with a listener standing for the live
 * projections. Random but reproducible: users, private chats, a group whose members join, change
 * roles, leave and come back, edits, redactions and receipts.
 */
final class ChatHistory {

    private static final String KEY = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final Serializer SERIALIZER = EventJson.serializer();

    private final Connection store;
    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<UUID> users = new ArrayList<>();
    private final List<UUID> privateChats = new ArrayList<>();
    private final Map<UUID, Long> chatSeqs = new HashMap<>();
    private final UUID group = Ids.uuid7();
    private final List<UUID> members = new ArrayList<>();
    private final BiConsumer<Object, Long> live;
    private Instant clock = Instant.parse("2026-11-01T09:00:00Z");
    private long messages;

    /** @param live gets every event after it is stored, with its aggregate sequence (null: no live projection) */
    ChatHistory(Connection store, long seed, BiConsumer<Object, Long> live) throws SQLException {
        this.store = store;
        this.random = new Random(seed);
        this.live = live;
        store.setAutoCommit(true);
        StoredEvents.createTable(store);
    }

    /** Users, chats and a group to talk in. */
    ChatHistory start(int userCount, int chatCount) throws SQLException {
        for (int i = 0; i < userCount; i++) {
            UUID user = Ids.uuid7();
            users.add(user);
            append(user.toString(), "User", new UserRegistered(user, "user-" + user, "User " + i, tick()));
            append(user.toString(), "User", new DeviceKeysPublished(user, "phone", KEY, KEY, tick()));
        }
        for (int i = 0; i < chatCount; i++) {
            UUID a = users.get(i % users.size());
            UUID b = users.get((i + 1) % users.size());
            UUID chat = Ids.privateChatId(a, b);
            if (chatSeqs.containsKey(chat)) {
                continue;
            }
            privateChats.add(chat);
            chatSeqs.put(chat, 0L);
            UUID low = a.compareTo(b) < 0 ? a : b;
            append(chat.toString(), "PrivateChat", new PrivateChatStarted(chat, low, low.equals(a) ? b : a, tick()));
        }
        append(group.toString(), "GroupChat", new GroupCreated(group, "the group", users.get(0), tick()));
        chatSeqs.put(group, 0L);
        for (int i = 0; i < Math.min(4, users.size()); i++) {
            addMember(users.get(i));
        }
        return this;
    }

    /** {@code count} more events of every kind (mostly messages). */
    void talk(int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                sendPrivate();
            } else if (dice < 75) {
                sendGroup();
            } else if (dice < 85) {
                receipt();
            } else if (dice < 90) {
                changeMessage();
            } else if (dice < 97) {
                changeMembership();
            } else {
                append(group.toString(), "GroupChat",
                        new parley.api.group.GroupRenamed(group, "renamed " + i, members.get(0), tick()));
            }
        }
    }

    /** {@code count} messages and receipts only, as most of a real log is. */
    void chat(int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(10);
            if (dice < 5) {
                sendPrivate();
            } else if (dice < 8) {
                sendGroup();
            } else {
                receipt();
            }
        }
    }

    /** Every message event appended so far. */
    long messages() {
        return messages;
    }

    private void sendPrivate() throws SQLException {
        UUID chat = privateChats.get(random.nextInt(privateChats.size()));
        long seq = chatSeqs.merge(chat, 1L, Long::sum);
        UUID sender = users.get(privateChats.indexOf(chat) % users.size());
        UUID recipient = users.get((privateChats.indexOf(chat) + 1) % users.size());
        append(chat.toString(), "PrivateChat", new PrivateMessageSent(chat, Ids.uuid7(), seq, sender, recipient,
                "c-" + seq, envelope(seq), tick()));
        messages++;
    }

    private void sendGroup() throws SQLException {
        long seq = chatSeqs.merge(group, 1L, Long::sum);
        UUID sender = members.get(random.nextInt(members.size()));
        append(group.toString(), "GroupChat", new GroupMessageSent(group, Ids.uuid7(), seq, sender, "g-" + seq, envelope(seq),
                tick()));
        messages++;
    }

    private void receipt() throws SQLException {
        boolean inGroup = random.nextBoolean();
        UUID chat = inGroup ? group : privateChats.get(random.nextInt(privateChats.size()));
        long last = chatSeqs.get(chat);
        if (last == 0) {
            return;
        }
        UUID user = inGroup ? members.get(random.nextInt(members.size())) : users.get(privateChats.indexOf(chat) % users.size());
        long read = 1 + random.nextInt((int) last);
        append(chat + ":" + user, "Receipt", new ReceiptAdvanced(chat, inGroup ? ChatType.GROUP : ChatType.PRIVATE, user, last, read,
                tick()));
    }

    private void changeMessage() throws SQLException {
        UUID chat = privateChats.get(random.nextInt(privateChats.size()));
        long last = chatSeqs.get(chat);
        if (last == 0) {
            return;
        }
        long seq = 1 + random.nextInt((int) last);
        UUID by = users.get(privateChats.indexOf(chat) % users.size());
        Object change = random.nextInt(3) == 0
                ? new MessageRedacted(chat, ChatType.PRIVATE, seq, by, tick())
                : new MessageEdited(chat, ChatType.PRIVATE, seq, by, envelope(seq + 1000), tick());
        append(chat.toString(), "PrivateChat", change);
    }

    private void changeMembership() throws SQLException {
        int dice = random.nextInt(3);
        if (dice == 0 && members.size() > 2) {
            UUID leaving = members.remove(members.size() - 1);
            append(group.toString(), "GroupChat", MemberRemoved.removed(group, leaving, members.get(0), tick()));
        } else if (dice == 1) {
            UUID member = members.get(random.nextInt(members.size()));
            append(group.toString(), "GroupChat", new RoleChanged(group, member, random.nextBoolean() ? GroupRole.ADMIN
                    : GroupRole.MEMBER, members.get(0), tick()));
        } else {
            List<UUID> outside = users.stream().filter(user -> !members.contains(user)).toList();
            if (!outside.isEmpty()) {
                addMember(outside.get(random.nextInt(outside.size())));
            }
        }
    }

    private void addMember(UUID user) throws SQLException {
        members.add(user);
        append(group.toString(), "GroupChat", new MemberAdded(group, user, members.size() == 1 ? GroupRole.OWNER : GroupRole.MEMBER,
                members.get(0), chatSeqs.get(group), tick()));
    }

    private static Envelope envelope(long n) {
        return new Envelope("{\"v\":1,\"ciphertext\":\"" + Long.toHexString(n * 7919) + "\"}");
    }

    private Instant tick() {
        clock = clock.plus(1 + random.nextInt(5000), ChronoUnit.MILLIS);
        return clock;
    }

    private void append(String aggregateId, String aggregateType, Object payload) throws SQLException {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        SerializedObject<byte[]> data = SERIALIZER.serialize(payload, byte[].class);
        SerializedObject<byte[]> metadata = SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class);
        try (PreparedStatement insert = store.prepareStatement("INSERT INTO domainevententry (eventidentifier, aggregateidentifier,"
                + " sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregateId);
            insert.setLong(3, sequence);
            insert.setString(4, aggregateType);
            insert.setString(5, clock.toString());
            insert.setString(6, data.getType().getName());
            insert.setString(7, data.getType().getRevision());
            insert.setBytes(8, data.getData());
            insert.setBytes(9, metadata.getData());
            insert.executeUpdate();
        }
        if (live != null) {
            live.accept(payload, sequence);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
