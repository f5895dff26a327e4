package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import parley.bench.Overloaded;

/**
 * The live state of a run: the sends awaiting their reply and deliveries, and what every reply and event means
 * for the counters, the histograms and the ledger. It is every session's listener, so it runs on the
 * connections' reader threads and only does map look-ups and counting there.
 *
 * <p>{@code OVERLOADED} (the node refusing sends while its delivery lags; nothing was stored) is counted
 * apart from other rejections. The send is retried as a client would, with the same
 * clientMessageId after the reply's {@code retryAfterMs}, and stays in flight meanwhile: its ack latency
 * includes the wait, and the ledger sees one acknowledgement of it as for any send.
 */
final class LoadRun implements UserSession.Listener {

    /** Every measured send's clientMessageId starts with it (unique per run: the run id). */
    private final String sendIdPrefix;
    private final Map<String, BenchChat> chatsById;
    private final DeliveryLedger ledger;
    private final LoadCounters counters = new LoadCounters();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final GroupsSettled groupsSettled = new GroupsSettled();
    private final AtomicLong ids = new AtomicLong();
    private final long replyTimeoutNanos;
    private volatile MeasuredWindow window = new MeasuredWindow(Long.MAX_VALUE, Long.MAX_VALUE);
    private volatile Runnable onSettled = () -> { };

    private final boolean deliveryReceipts;
    /** A send refused with OVERLOADED more often than this is given up (and counted as an error). */
    private static final int MAX_OVERLOADED_RETRIES = 20;

    LoadRun(String runId, Iterable<BenchChat> chats, DeliveryLedger ledger, long replyTimeoutNanos, boolean deliveryReceipts) {
        this.deliveryReceipts = deliveryReceipts;
        this.sendIdPrefix = runId + "-";
        this.ledger = ledger;
        this.replyTimeoutNanos = replyTimeoutNanos;
        this.chatsById = new ConcurrentHashMap<>();
        chats.forEach(this::watch);
    }

    /** Deliveries in this chat count from now on (a group's id is known only once it is created). */
    void watch(BenchChat chat) {
        chatsById.put(chat.chatId(), chat);
    }

    private static final class InFlight {
        final SendRoute route;
        final long intendedNanos;
        /** When the latest attempt left: the reply timeout counts from it. */
        volatile long sentNanos;
        final boolean measured;
        final AtomicInteger overloadedRetries = new AtomicInteger();
        final AtomicBoolean settled = new AtomicBoolean();
        /** The reply and one delivery per recipient; the entry goes when all have come. */
        final AtomicInteger outstanding;

        InFlight(SendRoute route, long intendedNanos, long sentNanos, boolean measured) {
            this.route = route;
            this.intendedNanos = intendedNanos;
            this.sentNanos = sentNanos;
            this.measured = measured;
            this.outstanding = new AtomicInteger(route.recipients() + 1);
        }
    }

    void startMeasuring(MeasuredWindow measuredWindow, Runnable settledListener) {
        this.window = measuredWindow;
        this.onSettled = settledListener;
    }

    LoadCounters counters() {
        return counters;
    }

    GroupsSettled groupsSettled() {
        return groupsSettled;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    Map<String, LongAdder> rejections() {
        return rejections;
    }

    /** Sends one message on {@code route}; latency will count from {@code intendedNanos}. */
    void send(SendRoute route, long intendedNanos) {
        String id = sendIdPrefix + ids.incrementAndGet();
        InFlight message = new InFlight(route, intendedNanos, System.nanoTime(), window.contains(intendedNanos));
        inFlight.put(id, message);
        counters.sent.increment();
        attempt(id, message);
    }

    private void attempt(String id, InFlight message) {
        message.sentNanos = System.nanoTime();
        message.route.session().send(message.route.destination(), message.route.body(id)).whenComplete((ok, failure) -> {
            if (failure != null && settle(id, message)) {
                counters.failed.increment();
            }
        });
    }

    /** The same send again (same clientMessageId, so idempotent) once the server's retryAfterMs has passed. */
    private boolean retriedLater(String id, InFlight message, JsonNode reply) {
        if (message.settled.get() || message.overloadedRetries.getAndIncrement() >= MAX_OVERLOADED_RETRIES) {
            return false;
        }
        long afterMs = Overloaded.retryAfterMillis(reply);
        message.sentNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(afterMs); // not overdue while waiting
        CompletableFuture.runAsync(() -> {
            if (!message.settled.get()) {
                attempt(id, message);
            }
        }, CompletableFuture.delayedExecutor(afterMs, TimeUnit.MILLISECONDS));
        return true;
    }

    /** Sends whose reply has not come within the reply timeout are given up as errors. */
    void expireOverdue(long nowNanos) {
        inFlight.forEach((id, message) -> {
            if (!message.settled.get() && nowNanos - message.sentNanos > replyTimeoutNanos && settle(id, message)) {
                counters.timedOut.increment();
            }
        });
    }

    long awaitingReply() {
        return inFlight.values().stream().filter(message -> !message.settled.get()).count();
    }

    @Override
    public void reply(UserSession session, JsonNode reply) {
        String type = reply.path("type").asText();
        String id = reply.path("clientMessageId").asText(null);
        if (id == null) {
            if (type.equals("CommandRejected")) {
                counters.receiptsRejected.increment(); // receipts carry no id; a refused one is covered by the next
            }
            return;
        }
        InFlight message = inFlight.get(id);
        boolean overloaded = Overloaded.is(reply);
        if (overloaded && message != null) {
            counters.overloaded.increment();
            if (retriedLater(id, message, reply)) {
                return;
            }
        }
        if (message == null || !message.settled.compareAndSet(false, true)) {
            return; // a reply after its timeout: the send already counts as an error
        }
        long now = System.nanoTime();
        if (type.equals("MessageAccepted")) {
            counters.acked.increment();
            if (window.contains(now)) {
                counters.ackedInWindow.increment();
            }
            if (message.measured) {
                LoadCounters.record(counters.sendAck, message.intendedNanos, now);
            }
            ledger.acknowledged(message.route.chat().index(), message.route.senderMember(), reply.path("seq").asLong());
            arrived(id, message);
        } else {
            (overloaded ? counters.overloadedGivenUp : counters.rejected).increment();
            rejections.computeIfAbsent(reply.path("code").asText("?"), code -> new LongAdder()).increment();
            inFlight.remove(id);
        }
        onSettled.run();
    }

    @Override
    public void event(UserSession session, JsonNode event) {
        String type = event.path("type").asText();
        if (type.equals("MemberAdded")) {
            groupsSettled.memberAdded(session.user().userId(), event.path("userId").asText());
            return;
        }
        if (!type.equals("MessageReceived")) {
            return;
        }
        BenchUser me = session.user();
        String chatId = event.path("chatId").asText();
        BenchChat chat = chatsById.get(chatId);
        if (chat == null || me.userId().equals(event.path("senderId").asText())) {
            return; // the sender's own copy is not a delivery
        }
        long seq = event.path("seq").asLong();
        long now = System.nanoTime();
        String id = event.path("clientMessageId").asText();
        boolean first = ledger.delivered(chat.index(), chat.memberIndex(me.userId()), seq);
        if (id.startsWith(sendIdPrefix)) { // not the setup's priming messages
            counters.delivered.increment();
            if (window.contains(now)) {
                counters.deliveredInWindow.increment();
            }
        }
        if (first) {
            InFlight message = inFlight.get(id);
            if (message != null) {
                if (message.measured) {
                    LoadCounters.record(counters.sendDelivered, message.intendedNanos, now);
                }
                arrived(id, message);
            }
        }
        ReceiptCoalescer.Receipt receipt = deliveryReceipts ? session.receipts().received(chatId, seq, now) : null;
        if (receipt != null) {
            sendReceipt(session, receipt);
        }
    }

    void sendReceipt(UserSession session, ReceiptCoalescer.Receipt receipt) {
        counters.receiptsSent.increment();
        session.send("/app/chat.delivered", "{\"chatId\":\"" + receipt.chatId() + "\",\"upToSeq\":" + receipt.upToSeq() + "}");
    }

    @Override
    public void closed(UserSession session, String reason) {
        counters.sessionsLost.increment();
        System.err.println("session of " + session.user().username() + " ended: " + reason);
    }

    private boolean settle(String id, InFlight message) {
        if (!message.settled.compareAndSet(false, true)) {
            return false;
        }
        inFlight.remove(id);
        onSettled.run();
        return true;
    }

    private void arrived(String id, InFlight message) {
        if (message.outstanding.decrementAndGet() == 0) {
            inFlight.remove(id);
        }
    }
}
