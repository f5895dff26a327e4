package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import parley.bench.Overloaded;
import parley.bench.Progress;
import parley.bench.Target;
import parley.bench.report.LatencySummary;

/**
 * Users in private chats sending sealed envelopes in a closed loop while every session receives the live pushes,
 * measured in phases on the same sessions (issue 16's CPU starvation: unstarved, then starved). Per phase it counts
 * what a session saw: pushes of a (chat, seq) it had already received (duplicates, over the whole run, so a repeat
 * in a later phase of an earlier message counts), acknowledged messages not pushed (missing), the lag from the
 * sender's acknowledgement to the recipient's push (both on this JVM's clock), and the {@code OVERLOADED} answers,
 * which are resent after the server's {@code retryAfterMs} as every load generator does.
 */
public final class LiveDeliveryLoad implements UserSession.Listener, AutoCloseable {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final LoadClients clients = new LoadClients("delivery");
    private final String runId = clients.runId();
    private final Progress progress;
    /** Sends awaiting their reply, by clientMessageId: the route, and when it was first sent. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** (chat, seq) → nanoTime of the acknowledgement or of the push, whichever came first; the other records the lag. */
    private final Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> pushedAt = new ConcurrentHashMap<>();
    private List<SendRoute> routes = List.of();
    private Map<String, BenchChat> chatsById = Map.of();
    private int users;
    private int envelopeBytes;
    /** Over the whole run: a repeat of a message pushed in an earlier phase is still a duplicate. */
    private DeliveryLedger wholeRun = DeliveryLedger.ofPrivateChats(0);
    private volatile PhaseCounters phase;
    private volatile boolean stopping;
    private Semaphore slots;
    private Thread driver;

    private record Pending(int route, long sentNanos) {
    }

    /** One phase's counts; the ledger only knows the phase's acknowledgements, so its missing are the phase's. */
    private static final class PhaseCounters {
        final String name;
        final long started = System.nanoTime();
        final DeliveryLedger ledger;
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder overloaded = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder duplicated = new LongAdder();
        final LongAdder sessionsEnded = new LongAdder();
        final Set<String> sessionsWithDuplicates = ConcurrentHashMap.newKeySet();
        final Histogram lagMicros = new ConcurrentHistogram(MAX_MICROS, 3);
        final Histogram ackMicros = new ConcurrentHistogram(MAX_MICROS, 3);

        PhaseCounters(String name, int chats) {
            this.name = name;
            this.ledger = DeliveryLedger.ofPrivateChats(chats);
        }
    }

    /**
     * What one phase showed.
     *
     * @param missing acknowledged deliveries not pushed when the phase's drain ended
     * @param duplicated pushes of a (chat, seq) the session had already received
     * @param lag acknowledgement (at the sender) to push (at the recipient)
     * @param ack send to acknowledgement, {@code OVERLOADED} resends included
     */
    public record PhaseResult(String name, double seconds, long sent, long acked, long overloaded, long rejected,
            long expected, long missing, long duplicated, int sessionsWithDuplicates, long sessionsEnded,
            LatencySummary lag, LatencySummary ack) {
    }

    private LiveDeliveryLoad(Progress progress) {
        this.progress = progress;
    }

    /** Users (each with a device and one session), {@code pairs} private chats, sealed routes primed with one send each. */
    public static LiveDeliveryLoad prepare(Target target, int pairs, Progress progress) {
        LiveDeliveryLoad load = new LiveDeliveryLoad(progress);
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
        users = setUp.users().size();
        chatsById = setUp.byId();
        routes = setUp.routes();
        wholeRun = DeliveryLedger.ofPrivateChats(setUp.chats().size());
        envelopeBytes = Payloads.bytes(routes.get(0).payloadJson());
        phase = new PhaseCounters("setup", setUp.chats().size());
        clients.prime(routes);
        progress.line("delivery: %d users (one session each) in %d private chats, sealed envelopes of %d bytes (run %s)",
                users, chatsById.size(), envelopeBytes, runId);
    }

    /** Starts a phase: the closed loop with {@code concurrency} sends in flight, on a thread of its own. */
    public void startPhase(String name, int concurrency) {
        ackedAt.clear();
        pushedAt.clear();
        phase = new PhaseCounters(name, chatsById.size());
        stopping = false;
        slots = new Semaphore(concurrency);
        PhaseCounters current = phase;
        driver = new Thread(() -> {
            long next = 0;
            while (!stopping) {
                try {
                    if (slots.tryAcquire(10, TimeUnit.MILLISECONDS) && !stopping) {
                        int route = (int) (next % routes.size());
                        String id = runId + "-" + current.name + "-" + next++;
                        pending.put(id, new Pending(route, System.nanoTime()));
                        send(id, route);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "delivery-driver");
        driver.setDaemon(true);
        driver.start();
    }

    /**
     * Stops sending, waits up to {@code drain} for the replies due and for every acknowledged message to be pushed,
     * and returns the phase's figures.
     */
    public PhaseResult endPhase(Duration drain) throws InterruptedException {
        stopping = true;
        if (driver != null) {
            driver.join(TimeUnit.SECONDS.toMillis(5));
        }
        PhaseCounters current = phase;
        CrashLoad.await(() -> pending.isEmpty() && current.ledger.missing() == 0, drain);
        double seconds = (System.nanoTime() - current.started) / 1e9;
        PhaseResult result = new PhaseResult(current.name, seconds, current.sent.sum(), current.acked.sum(),
                current.overloaded.sum(), current.rejected.sum(), current.ledger.expected(), current.ledger.missing(),
                current.duplicated.sum(), current.sessionsWithDuplicates.size(), current.sessionsEnded.sum(),
                LatencySummary.of(current.lagMicros), LatencySummary.of(current.ackMicros));
        pending.clear(); // a reply that never came does not hold the next phase's loop
        return result;
    }

    /** Acknowledged deliveries of the last phase still not pushed, after up to {@code timeout} more. */
    public long missingAfter(Duration timeout) throws InterruptedException {
        PhaseCounters current = phase;
        CrashLoad.await(() -> current.ledger.missing() == 0, timeout);
        return current.ledger.missing();
    }

    public int users() {
        return users;
    }

    public int chats() {
        return chatsById.size();
    }

    public int envelopeBytes() {
        return envelopeBytes;
    }

    private void send(String clientMessageId, int route) {
        phase.sent.increment();
        SendRoute sendRoute = routes.get(route);
        sendRoute.session().send(sendRoute.destination(), sendRoute.body(clientMessageId));
    }

    private static long key(int chat, long seq) {
        return ((long) chat << 32) | seq;
    }

    @Override
    public void reply(UserSession session, JsonNode reply) {
        String id = reply.path("clientMessageId").asText(null);
        Pending message = id == null ? null : pending.get(id);
        if (message == null) {
            return;
        }
        PhaseCounters current = phase;
        if (reply.path("type").asText().equals("MessageAccepted")) {
            if (pending.remove(id) == null) {
                return;
            }
            long now = System.nanoTime();
            current.acked.increment();
            current.ackMicros.recordValue(Math.min(MAX_MICROS, (now - message.sentNanos()) / 1000));
            SendRoute route = routes.get(message.route());
            long seq = reply.path("seq").asLong();
            current.ledger.acknowledged(route.chat().index(), route.senderMember(), seq);
            wholeRun.acknowledged(route.chat().index(), route.senderMember(), seq);
            Long pushed = pushedAt.remove(key(route.chat().index(), seq));
            if (pushed != null) {
                current.lagMicros.recordValue(0); // pushed before the sender heard back: no lag behind the ack
            } else {
                ackedAt.put(key(route.chat().index(), seq), now);
            }
            slots.release();
            return;
        }
        if (Overloaded.is(reply)) {
            current.overloaded.increment();
            clients.timers().schedule(() -> {
                if (pending.containsKey(id)) {
                    send(id, message.route());
                }
            }, Overloaded.retryAfterMillis(reply), TimeUnit.MILLISECONDS);
            return;
        }
        if (pending.remove(id) != null) {
            current.rejected.increment();
            System.err.println("delivery: send refused: " + reply);
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
        long now = System.nanoTime();
        long seq = event.path("seq").asLong();
        PhaseCounters current = phase;
        current.ledger.delivered(chat.index(), chat.memberIndex(me), seq);
        if (!wholeRun.delivered(chat.index(), chat.memberIndex(me), seq)) {
            current.duplicated.increment();
            current.sessionsWithDuplicates.add(me);
            return;
        }
        Long acked = ackedAt.remove(key(chat.index(), seq));
        if (acked != null) {
            current.lagMicros.recordValue(Math.min(MAX_MICROS, (now - acked) / 1000));
        } else {
            pushedAt.put(key(chat.index(), seq), now);
        }
    }

    @Override
    public void closed(UserSession session, String reason) {
        phase.sessionsEnded.increment();
        System.err.println("delivery: session of " + session.user().username() + " ended: " + reason);
    }

    @Override
    public void close() {
        stopping = true;
        clients.close();
    }
}
