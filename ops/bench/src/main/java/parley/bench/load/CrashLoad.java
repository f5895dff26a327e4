package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import parley.bench.Overloaded;
import parley.bench.Progress;
import parley.bench.Target;

/**
 * The load generator's side of the crash scenario (issue 14): users in private chats sending sealed envelopes in a
 * closed loop that outlives the platform. When the platform dies its sessions end; the sends then in flight (and any
 * the driver issues on a dead session) keep their slot, so the loop stalls as a real client would. After the
 * restart {@link #reconnect} opens new sessions on the new node with the same access tokens (the signing keys are in
 * the platform's data directory) and sends every unanswered message again under its clientMessageId, as a client
 * retries: the platform must then answer with the original's messageId and seq if it had stored it. Every
 * {@code MessageAccepted} is kept ({@link #acks()}) for the check against the database.
 *
 * <p>No delivery receipts: they are stored commands of their own and nothing here is about them. Live pushes are
 * counted per phase; those of messages sent after the restart go into a {@link DeliveryLedger} (a push of a message
 * acknowledged before the kill may be lost with the node: a client catches up from history).
 */
public final class CrashLoad implements UserSession.Listener, AutoCloseable {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    /** How long a send refused because the restarted node's device view lags waits before it is sent again. */
    private static final long LAGGING_RETRY_MILLIS = 250;

    private final LoadClients clients = new LoadClients("crash");
    private final String runId = clients.runId();
    private final Progress progress;
    private final Set<UserSession> restartedSessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<AckedMessage> acks = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder ackedBeforeKill = new LongAdder();
    private final LongAdder ackedRetried = new LongAdder();
    private final LongAdder ackedAfterRestart = new LongAdder();
    private final LongAdder laggingRetries = new LongAdder();
    private final LongAdder overloadedRetries = new LongAdder();
    private final LongAdder pushesBeforeKill = new LongAdder();
    private final LongAdder sessionsEnded = new LongAdder();
    /** Guards the routes' swap on reconnect against the driver picking a route and registering a send. */
    private final Object routesLock = new Object();
    private List<BenchUser> users = List.of();
    private List<BenchChat> chats = List.of();
    private Map<String, BenchChat> chatsById = Map.of();
    private List<String> payloads = List.of();
    private volatile List<SendRoute> routes = List.of();
    private DeliveryLedger afterRestart = DeliveryLedger.ofPrivateChats(0);
    private volatile boolean restarted;
    private volatile boolean stopping;
    private Semaphore slots;
    private Thread driver;

    /** A send awaiting its reply, by clientMessageId; it keeps its closed-loop slot until the reply. */
    private record Pending(int route, boolean retried) {
    }

    private CrashLoad(Progress progress) {
        this.progress = progress;
    }

    /** Users (each with a device), their sessions, {@code pairs} private chats, sealed routes primed with one send each. */
    public static CrashLoad prepare(Target target, int pairs, Progress progress) {
        CrashLoad load = new CrashLoad(progress);
        try {
            load.setUp(target, pairs);
            return load;
        } catch (RuntimeException e) {
            load.close();
            throw e;
        }
    }

    private void setUp(Target target, int pairs) {
        LoadClients.PrivateChats setUp = clients.privateChats(target, pairs, this);
        users = setUp.users();
        chats = setUp.chats();
        chatsById = setUp.byId();
        routes = setUp.routes();
        afterRestart = DeliveryLedger.ofPrivateChats(chats.size());
        payloads = routes.stream().map(SendRoute::payloadJson).toList();
        clients.prime(routes);
        progress.line("crash: %d users in %d private chats, sealed envelopes of %d bytes (run %s)", users.size(), chats.size(),
                Payloads.bytes(payloads.get(0)), runId);
    }

    /** Starts the closed loop with {@code concurrency} sends in flight, on a thread of its own. */
    public void start(int concurrency) {
        slots = new Semaphore(concurrency);
        driver = new Thread(() -> {
            long next = 0;
            while (!stopping) {
                try {
                    if (slots.tryAcquire(10, TimeUnit.MILLISECONDS) && !stopping) {
                        int route = (int) (next++ % payloads.size());
                        send(sendIdPrefix() + next, new Pending(route, false));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "crash-driver");
        driver.setDaemon(true);
        driver.start();
    }

    private void send(String clientMessageId, Pending message) {
        synchronized (routesLock) {
            pending.put(clientMessageId, message);
            sent.increment();
            SendRoute route = routes.get(message.route());
            // on a dead session this fails at once; the send stays pending and goes again after the restart
            route.session().send(route.destination(), route.body(clientMessageId));
        }
    }

    /** Waits until {@code condition} holds, checking every 10 ms, up to {@code timeout}; false if it did not. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Acknowledgements received so far from the first platform. */
    public long ackedBeforeKill() {
        return ackedBeforeKill.sum();
    }

    /** New sends acknowledged by the restarted platform (retries not included). */
    public long ackedAfterRestart() {
        return ackedAfterRestart.sum();
    }

    public long ackedRetried() {
        return ackedRetried.sum();
    }

    /**
     * New sessions with the restarted platform at {@code target}, then every send still unanswered goes again under
     * its clientMessageId. Returns how many were unanswered: the sends in flight when the platform died.
     */
    public int reconnect(Target target) {
        List<UserSession> fresh = clients.openSessions(target, users, this, ChatShape.privatePairs(chats.size()));
        restartedSessions.addAll(fresh);
        restarted = true;
        synchronized (routesLock) {
            Map<String, UserSession> byUser = LoadClients.byUser(fresh);
            List<SendRoute> old = routes;
            List<SendRoute> rebuilt = new ArrayList<>(old.size());
            for (SendRoute route : old) {
                rebuilt.add(SendRoute.of(route.chat(), route.senderMember(),
                        byUser.get(route.session().user().userId()), route.payloadJson()));
            }
            routes = List.copyOf(rebuilt);
            List<Map.Entry<String, Pending>> unanswered = List.copyOf(pending.entrySet());
            for (Map.Entry<String, Pending> entry : unanswered) {
                send(entry.getKey(), new Pending(entry.getValue().route(), true));
            }
            progress.line("crash: %d sessions reopened on %s; %d unanswered sends sent again under their ids", fresh.size(),
                    target.baseUrl(), unanswered.size());
            return unanswered.size();
        }
    }

    /** Stops sending and waits up to {@code drain} for the replies still due; returns how many never came. */
    public int stop(Duration drain) throws InterruptedException {
        stopping = true;
        if (driver != null) {
            driver.join(TimeUnit.SECONDS.toMillis(5));
        }
        await(pending::isEmpty, drain);
        return pending.size();
    }

    /** Waits up to {@code timeout} for every message sent after the restart to be pushed to its recipient. */
    public boolean awaitPushesAfterRestart(Duration timeout) throws InterruptedException {
        return await(() -> afterRestart.missing() == 0, timeout);
    }

    public List<AckedMessage> acks() {
        return List.copyOf(acks);
    }

    /** The run's chats: every message in them was sent by this load (the priming sends included). */
    public List<UUID> chatIds() {
        return chats.stream().map(chat -> UUID.fromString(chat.chatId())).toList();
    }

    /** The access token of a member of {@code chatId}: who reads that chat's history (the failover's reads). */
    public String memberToken(UUID chatId) {
        return chatsById.get(chatId.toString()).members().get(0).accessToken();
    }

    /** Every load send's clientMessageId starts with it (the setup's priming sends' do not). */
    public String sendIdPrefix() {
        return runId + "-";
    }

    public long sent() {
        return sent.sum();
    }

    public long overloadedRetries() {
        return overloadedRetries.sum();
    }

    public long laggingRetries() {
        return laggingRetries.sum();
    }

    public Map<String, Long> rejections() {
        return rejections.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()));
    }

    public long rejected() {
        return rejections.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long pushesBeforeKill() {
        return pushesBeforeKill.sum();
    }

    /** Pushes due to the recipients of messages sent after the restart that have not come (yet). */
    public long pushesMissingAfterRestart() {
        return afterRestart.missing();
    }

    /** Seqs pushed twice to the same session after the restart (a client drops those by seq). */
    public long pushesDuplicatedAfterRestart() {
        return afterRestart.duplicated();
    }

    public long sessionsEnded() {
        return sessionsEnded.sum();
    }

    public int users() {
        return users.size();
    }

    public int chats() {
        return chats.size();
    }

    public int envelopeBytes() {
        return Payloads.bytes(payloads.get(0));
    }

    @Override
    public void reply(UserSession session, JsonNode reply) {
        String id = reply.path("clientMessageId").asText(null);
        Pending message = id == null ? null : pending.get(id);
        if (message == null) {
            return; // receipts' replies, or a reply to a send already settled
        }
        String type = reply.path("type").asText();
        boolean afterRestartReply = restartedSessions.contains(session);
        if (type.equals("MessageAccepted")) {
            if (pending.remove(id) == null) {
                return;
            }
            AckedMessage.Phase phase = !afterRestartReply ? AckedMessage.Phase.BEFORE_KILL
                    : message.retried() ? AckedMessage.Phase.RETRIED : AckedMessage.Phase.AFTER_RESTART;
            long seq = reply.path("seq").asLong();
            acks.add(new AckedMessage(id, UUID.fromString(reply.path("chatId").asText()),
                    UUID.fromString(reply.path("messageId").asText()), seq, phase));
            switch (phase) {
                case BEFORE_KILL -> ackedBeforeKill.increment();
                case RETRIED -> ackedRetried.increment();
                case AFTER_RESTART -> {
                    ackedAfterRestart.increment();
                    SendRoute route = routes.get(message.route());
                    afterRestart.acknowledged(route.chat().index(), route.senderMember(), seq);
                }
            }
            slots.release();
            return;
        }
        String code = reply.path("code").asText("?");
        if (Overloaded.is(reply)) {
            // the node's delivery lags (a restarted node publishes its backlog first): the same send after retryAfterMs
            overloadedRetries.increment();
            clients.timers().schedule(() -> {
                if (pending.containsKey(id)) {
                    send(id, message);
                }
            }, Overloaded.retryAfterMillis(reply), TimeUnit.MILLISECONDS);
            return;
        }
        if (afterRestartReply && (code.equals("STALE_DEVICES") || code.equals("UNKNOWN_DEVICE"))) {
            // the restarted node's device view may still be catching up: the same send again in a moment, as priming does
            laggingRetries.increment();
            clients.timers().schedule(() -> {
                if (pending.containsKey(id)) {
                    send(id, message);
                }
            }, LAGGING_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (pending.remove(id) != null) {
            rejections.computeIfAbsent(code, c -> new LongAdder()).increment();
            slots.release();
        }
    }

    @Override
    public void event(UserSession session, JsonNode event) {
        if (!event.path("type").asText().equals("MessageReceived")) {
            return;
        }
        BenchChat chat = chatsById.get(event.path("chatId").asText());
        String me = session.user().userId();
        if (chat == null || me.equals(event.path("senderId").asText())) {
            return;
        }
        if (restartedSessions.contains(session)) {
            afterRestart.delivered(chat.index(), chat.memberIndex(me), event.path("seq").asLong());
        } else {
            pushesBeforeKill.increment();
        }
    }

    @Override
    public void closed(UserSession session, String reason) {
        sessionsEnded.increment();
        if (restarted && restartedSessions.contains(session)) {
            System.err.println("crash: session of " + session.user().username() + " after the restart ended: " + reason);
        }
    }

    @Override
    public void close() {
        stopping = true;
        clients.close();
    }
}
