package parley.bench.bluegreen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import parley.bench.Progress;
import parley.bench.load.AckedMessage;
import parley.bench.load.DeliveryLedger;
import parley.client.ParleyClient;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.messages.PrivateChatIds;
import parley.client.messages.Sent;
import parley.client.session.CommandRejectedException;

/**
 * The load of the blue-green harness: SDK clients ({@link ParleyClient}, end-to-end encrypted, as an application uses
 * it) chatting through the load balancer, each user in a private chat with its pair and all of them in one group.
 * Each user's thread alternates a private and a group send, waiting for each acknowledgement (the SDK's blocking
 * call) and pausing between sends. Nothing in the harness helps the SDK across the switch: the SDK reconnects on its
 * own (its node says {@code Reconnect}, then closes with 1012), sends again under the same clientMessageId what was
 * unanswered, retries {@code OVERLOADED}/{@code RATE_LIMITED} after {@code retryAfterMs}, and catches up from history
 * what was pushed while it was away. A send that throws is a failed command, whatever the exception.
 *
 * <p>Deliveries are what the application's listener sees after the SDK's own de-duplication (by chat, seq and
 * messageId): each acknowledged message must reach each other member exactly once ({@link DeliveryLedger}); a message
 * seen twice there is a duplicate the SDK let through. The listener also sees each chat's messages in seq order: a
 * message whose seq is below one it already saw in that chat counts as out of order.
 *
 * <p>The fault suite ({@code parley.bench.faults}) runs the same clients beside its faults: it reads when each
 * acknowledged send was started and answered ({@link #firstAcknowledgementOfASendStartedAfter}).
 */
public final class ChattingClients implements AutoCloseable {

    private static final String PASSWORD = "blue-green-password-1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Integer> chatIndex = new ConcurrentHashMap<>();
    private final List<Map<String, Integer>> memberIndex = new ArrayList<>();
    private final ConcurrentLinkedQueue<AckedMessage> acks = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder acknowledgedOnBlue = new LongAdder();
    private final LongAdder acknowledgedDuringSwitch = new LongAdder();
    private final LongAdder acknowledgedOnGreen = new LongAdder();
    private final LongAdder acrossReconnect = new LongAdder();
    private final LongAdder undecryptable = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    /** Per acknowledged send: when it was started and when its acknowledgement came (nanoTime). */
    private final ConcurrentLinkedQueue<long[]> ackTimes = new ConcurrentLinkedQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile Phase phase = Phase.BLUE;
    private volatile boolean stopping;
    private boolean closed;
    private DeliveryLedger ledger;
    private String groupId;

    /** Which colour took new connections when an acknowledgement came back. */
    enum Phase { BLUE, SWITCHING, GREEN }

    /** One user, its client and what the listener saw of its connection. */
    private final class Member {
        final int index;
        final String userId;
        final String peerId;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicLong lastLostNanos = new AtomicLong();
        final AtomicLong lastReconnectNanos = new AtomicLong();
        final AtomicLong longestOfflineNanos = new AtomicLong();
        /** The highest seq the listener showed per chat (the SDK's inbox calls the listener on one thread). */
        final Map<String, Long> lastSeqByChat = new ConcurrentHashMap<>();
        final LongAdder shown = new LongAdder();
        /** Messages from others this member's device could not open (not sealed for it, or a signature it refused). */
        final LongAdder undecryptable = new LongAdder();
        /** The first of them, with its reason and detail (a directory read refused, a device not listed...). */
        volatile String firstUndecryptable;
        volatile long lastShownNanos;
        volatile ChatEvent.ConnectionChanged lastConnectionChange;
        volatile long lastConnectionChangeNanos;
        volatile ParleyClient client;

        Member(int index, String userId, String peerId) {
            this.index = index;
            this.userId = userId;
            this.peerId = peerId;
        }

        void event(ChatEvent event) {
            if (event instanceof ChatEvent.MessageDecrypted message) {
                delivered(message.chatId(), message.senderId(), message.seq());
            } else if (event instanceof ChatEvent.MessageUndecryptable message && !message.senderId().equals(userId)) {
                undecryptable.increment();
                ChattingClients.this.undecryptable.increment();
                if (firstUndecryptable == null) {
                    firstUndecryptable = "seq " + message.seq() + " " + message.reason() + ": " + message.detail();
                }
            } else if (event instanceof ChatEvent.ConnectionChanged change) {
                connection(change);
            }
        }

        private void delivered(String chatId, String senderId, long seq) {
            shown.increment();
            lastShownNanos = System.nanoTime();
            Integer chat = chatIndex.get(chatId);
            if (chat == null || senderId.equals(userId)) {
                return; // another run's chat, or this user's own message
            }
            ledger.delivered(chat, memberIndex.get(chat).get(userId), seq);
            Long before = lastSeqByChat.put(chatId, Math.max(seq, lastSeqByChat.getOrDefault(chatId, 0L)));
            if (before != null && seq < before) {
                outOfOrder.increment();
            }
        }

        private void connection(ChatEvent.ConnectionChanged change) {
            long now = System.nanoTime();
            lastConnectionChange = change;
            lastConnectionChangeNanos = now;
            if (change.connected()) {
                connections.incrementAndGet(); // the first connection counts too: reconnections are this minus one
                long lost = lastLostNanos.get();
                if (lost != 0) {
                    lastReconnectNanos.set(now);
                    longestOfflineNanos.accumulateAndGet(now - lost, Math::max);
                }
            } else {
                lastLostNanos.set(now);
                if (!change.retrying()) {
                    failures.computeIfAbsent("session ended: " + change.detail(), k -> new LongAdder()).increment();
                }
            }
        }
    }

    private ChattingClients() {
    }

    /**
     * Registers {@code pairs * 2} users through {@code baseUrl}, connects a client for each (keys under {@code keys}),
     * and creates the group of all of them.
     */
    static ChattingClients connect(URI baseUrl, Path keys, int pairs, Progress progress) {
        return connect(baseUrl, keys, pairs, "bg", progress);
    }

    /** The same with the users' names starting with {@code label}. */
    public static ChattingClients connect(URI baseUrl, Path keys, int pairs, String label, Progress progress) {
        ChattingClients load = new ChattingClients();
        try {
            load.setUp(baseUrl.toString(), keys, pairs, label, progress);
            return load;
        } catch (RuntimeException e) {
            load.close();
            throw e;
        }
    }

    private void setUp(String baseUrl, Path keys, int pairs, String label, Progress progress) {
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < pairs * 2; i++) {
            String name = label + "-" + runId + "-" + i;
            names.add(name);
            ids.add(ParleyClient.builder(baseUrl).register(name, PASSWORD, "Blue-green " + i));
        }
        int[] sizes = new int[pairs + 1];
        for (int pair = 0; pair < pairs; pair++) {
            String a = ids.get(2 * pair);
            String b = ids.get(2 * pair + 1);
            chatIndex.put(PrivateChatIds.of(a, b), pair);
            memberIndex.add(Map.of(a, 0, b, 1));
            sizes[pair] = 2;
        }
        Map<String, Integer> groupMembers = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            groupMembers.put(ids.get(i), i);
        }
        memberIndex.add(Map.copyOf(groupMembers));
        sizes[pairs] = ids.size();
        ledger = new DeliveryLedger(sizes);
        for (int i = 0; i < ids.size(); i++) {
            Member member = new Member(i, ids.get(i), ids.get(i ^ 1));
            members.add(member);
            member.client = ParleyClient.builder(baseUrl).keyDirectory(keys).timeout(COMMAND_TIMEOUT)
                    .listener(member::event).connect(names.get(i), PASSWORD);
        }
        groupId = members.get(0).client.createGroup("blue-green " + runId, ids.subList(1, ids.size()));
        chatIndex.put(groupId, pairs);
        progress.line("%s: %d SDK clients connected through %s, %d private chats and a group of %d (run %s)",
                label, members.size(), baseUrl, pairs, ids.size(), runId);
    }

    /** One sender thread per user: private and group sends in turn, {@code pause} between them. */
    public void start(Duration pause) {
        for (Member member : members) {
            Thread sender = new Thread(() -> sendUntilStopped(member, pause), "blue-green-" + member.index);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    private void sendUntilStopped(Member member, Duration pause) {
        long n = 0;
        while (!stopping) {
            boolean group = n++ % 2 == 1;
            String text = runId + " " + member.index + " #" + n;
            int connectionsBefore = member.connections.get();
            requests.increment();
            long started = System.nanoTime();
            try {
                Sent sent = group ? member.client.sendGroup(groupId, text) : member.client.sendPrivate(member.peerId, text);
                ackTimes.add(new long[] {started, System.nanoTime(), chatIndex.get(sent.chatId()), sent.seq()});
                acknowledged(member, sent, group);
                if (member.connections.get() != connectionsBefore) {
                    acrossReconnect.increment();
                }
            } catch (CommandRejectedException rejected) {
                failures.computeIfAbsent("rejected " + rejected.code(), k -> new LongAdder()).increment();
            } catch (ApiException failed) {
                // the status tells a refusal (4xx) from the server's trouble (5xx, 503 when its storage is away)
                failures.computeIfAbsent("ApiException " + failed.status(), k -> new LongAdder()).increment();
            } catch (RuntimeException failed) {
                failures.computeIfAbsent(failed.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void acknowledged(Member member, Sent sent, boolean group) {
        int chat = chatIndex.get(sent.chatId());
        ledger.acknowledged(chat, memberIndex.get(chat).get(member.userId), sent.seq());
        // the phase field is the crash scenario's; the event store audit reads only the ids, chat and seq
        acks.add(new AckedMessage(sent.clientMessageId(), UUID.fromString(sent.chatId()), UUID.fromString(sent.messageId()),
                sent.seq(), null));
        switch (phase) {
            case BLUE -> acknowledgedOnBlue.increment();
            case SWITCHING -> acknowledgedDuringSwitch.increment();
            case GREEN -> acknowledgedOnGreen.increment();
        }
    }

    void phase(Phase now) {
        phase = now;
    }

    /** Stops the senders after their current send (each ends within the command timeout). */
    public void stop() throws InterruptedException {
        stopping = true;
        for (Thread sender : senders) {
            sender.join(COMMAND_TIMEOUT.toMillis() + 5_000);
        }
    }

    /** Waits until every acknowledged message reached every other member of its chat, or the timeout. */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ledger.missing() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Whether every client has reconnected since {@code sinceNanos} (after losing its connection then). */
    boolean allReconnectedSince(long sinceNanos) {
        return members.stream().allMatch(member -> member.lastLostNanos.get() >= sinceNanos
                && member.lastReconnectNanos.get() > member.lastLostNanos.get());
    }

    /** When the last client came back (nanoTime), 0 if none reconnected. */
    long lastReconnectNanos() {
        return members.stream().mapToLong(member -> member.lastReconnectNanos.get()).max().orElse(0);
    }

    /** The longest a client was without a connection. */
    public Duration longestOffline() {
        return Duration.ofNanos(members.stream().mapToLong(member -> member.longestOfflineNanos.get()).max().orElse(0));
    }

    /** Reconnections after the first connection, over all clients. */
    public long reconnections() {
        return members.stream().mapToLong(member -> Math.max(0, member.connections.get() - 1)).sum();
    }

    public List<AckedMessage> acks() {
        return List.copyOf(acks);
    }

    public List<UUID> chatIds() {
        return chatIndex.keySet().stream().map(UUID::fromString).toList();
    }

    public long requests() {
        return requests.sum();
    }

    public Map<String, Long> failures() {
        Map<String, Long> counts = new HashMap<>();
        failures.forEach((kind, count) -> counts.put(kind, count.sum()));
        return Collections.unmodifiableMap(counts);
    }

    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long acknowledgedOnBlue() {
        return acknowledgedOnBlue.sum();
    }

    long acknowledgedDuringSwitch() {
        return acknowledgedDuringSwitch.sum();
    }

    long acknowledgedOnGreen() {
        return acknowledgedOnGreen.sum();
    }

    /** Sends whose acknowledgement came on a later connection than they started on (the SDK sent them again). */
    public long acrossReconnect() {
        return acrossReconnect.sum();
    }

    public long undecryptable() {
        return undecryptable.sum();
    }

    public long deliveriesExpected() {
        return ledger.expected();
    }

    public long deliveriesMissing() {
        return ledger.missing();
    }

    public long deliveriesDuplicated() {
        return ledger.duplicated();
    }

    /** Messages the listener saw after a later one of the same chat. */
    public long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Acknowledged sends so far. */
    public long acknowledged() {
        return ackTimes.size();
    }

    /** Acknowledged sends that were started at or after {@code nanos} (System.nanoTime). */
    public long acknowledgedOfSendsStartedAfter(long nanos) {
        return ackTimes.stream().filter(times -> times[0] >= nanos).count();
    }

    /** How long after {@code nanos} the first send started then was acknowledged; empty if none was (yet). */
    public Optional<Duration> firstAcknowledgementOfASendStartedAfter(long nanos) {
        return ackTimes.stream().filter(times -> times[0] >= nanos).mapToLong(times -> times[1]).min()
                .stream().mapToObj(first -> Duration.ofNanos(first - nanos)).findFirst();
    }

    /** Deliveries still missing of messages whose send started at or after {@code nanos} (e.g. after a fault's heal). */
    public long deliveriesMissingOfSendsStartedAfter(long nanos) {
        Map<String, Long> started = new HashMap<>();
        ackTimes.forEach(t -> started.put(t[2] + "/" + t[3], t[0]));
        return ledger.missingDeliveries(Integer.MAX_VALUE).stream()
                .filter(missing -> started.getOrDefault(missing.chat() + "/" + missing.seq(), Long.MIN_VALUE) >= nanos).count();
    }

    /** Waits until no delivery of a message sent at or after {@code nanos} is missing, or the timeout. */
    public boolean awaitDeliveriesOfSendsStartedAfter(long nanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveriesMissingOfSendsStartedAfter(nanos) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Up to {@code limit} deliveries still missing, each with its chat (private or the group), recipient, seq, and when
     * its send started and was acknowledged, in seconds from {@code originNanos} (e.g. the fault's injection).
     */
    public List<String> describeMissingDeliveries(long originNanos, int limit) {
        Map<String, long[]> times = new HashMap<>();
        ackTimes.forEach(t -> times.put(t[2] + "/" + t[3], t));
        return ledger.missingDeliveries(limit).stream().map(missing -> {
            long[] t = times.get(missing.chat() + "/" + missing.seq());
            String when = t == null ? "?" : String.format(java.util.Locale.ROOT, "sent %+.1f s, acknowledged %+.1f s",
                    (t[0] - originNanos) / 1e9, (t[1] - originNanos) / 1e9);
            String chat = missing.chat() == memberIndex.size() - 1 ? "group" : "private chat " + missing.chat();
            return String.format("%s seq %d to member %d (%s)", chat, missing.seq(), missing.recipient(), when);
        }).toList();
    }

    /**
     * What the listener of each member still missing a delivery last saw: its connection's last change and its last
     * message shown, in seconds from {@code originNanos}. Where a stall is (no connection, or a connection that shows
     * nothing) when deliveries are missing.
     */
    public List<String> describeRecipientsMissingDeliveries(long originNanos) {
        int groupChat = memberIndex.size() - 1;
        Map<Integer, LongSummaryStatistics> missingSeqs = new TreeMap<>();
        for (DeliveryLedger.Missing missing : ledger.missingDeliveries(Integer.MAX_VALUE)) {
            int member = missing.chat() == groupChat ? missing.recipient() : 2 * missing.chat() + missing.recipient();
            missingSeqs.computeIfAbsent(member, ignored -> new LongSummaryStatistics()).accept(missing.seq());
        }
        return missingSeqs.entrySet().stream().map(entry -> {
            Member member = members.get(entry.getKey());
            ChatEvent.ConnectionChanged change = member.lastConnectionChange;
            LongSummaryStatistics seqs = entry.getValue();
            return String.format(java.util.Locale.ROOT,
                    "member %d: %d connections, last change %s at %+.1f s; %d messages shown (%d undecryptable), the last at"
                            + " %+.1f s; %d missing, seqs %d to %d%s",
                    member.index, member.connections.get(), change == null ? "none"
                            : (change.connected() ? "connected" : "lost") + " (" + change.detail() + ")",
                    (member.lastConnectionChangeNanos - originNanos) / 1e9, member.shown.sum(), member.undecryptable.sum(),
                    (member.lastShownNanos - originNanos) / 1e9, seqs.getCount(), seqs.getMin(), seqs.getMax(),
                    member.firstUndecryptable == null ? "" : "; first undecryptable: " + member.firstUndecryptable);
        }).toList();
    }

    public int clients() {
        return members.size();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        for (Member member : members) {
            if (member.client != null) {
                member.client.close();
            }
        }
    }
}
