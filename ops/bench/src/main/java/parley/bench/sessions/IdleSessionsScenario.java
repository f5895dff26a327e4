package parley.bench.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import parley.bench.BenchAccounts;
import parley.bench.DaemonThreads;
import parley.bench.Overloaded;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.platform.PlatformHeap;
import parley.bench.Target;
import parley.client.auth.AuthApi;
import parley.client.auth.TokenGrant;
import parley.client.http.JsonHttp;

/**
 * (c) Many idle STOMP sessions on one node: what each costs the platform's heap, how fast they open, and
 * whether a light send load still arrives promptly and exactly once with all of them open.
 *
 * <p>Users hold many sessions each (the server limits devices per user, not sessions), so only a few
 * users are registered: registration hashes the password and would dominate with one user per session.
 * All sessions share one {@link HttpClient} (one selector thread for every socket) and are opened a
 * bounded number at a time. The server's simple broker runs without a heart-beat scheduler, so it
 * answers CONNECT with {@code heart-beat:0,0} and the sessions stay silent.
 *
 * <p>Heap is read with {@code jcmd} after a full GC, before opening and with everything open, so the
 * difference per session is the server's retained cost of one subscribed session.
 */
public final class IdleSessionsScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final IdleSessionsSettings settings;

    public IdleSessionsScenario(IdleSessionsSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "c-idle-sessions";
    }

    @Override
    public ScenarioResult run(Target target, Progress progress) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("idle-sessions-timer"));
        try {
            return measure(target, progress, http, scheduler);
        } finally {
            scheduler.shutdownNow();
            // The client's selector thread stops once the HttpClient itself is unreachable, taking every socket with it.
            java.lang.ref.Reference.reachabilityFence(http);
        }
    }

    private ScenarioResult measure(Target target, Progress progress, HttpClient http, ScheduledExecutorService scheduler)
            throws Exception {
        List<TokenGrant> users = registerUsers(new JsonHttp(http, target.baseUrl()), progress);
        PlatformHeap heap = new PlatformHeap(target.platformPid());
        long heapBefore = heap.usedAfterFullGc();
        progress.line("%s: platform heap %.1f MB after a full GC, before the sessions", name(), mb(heapBefore));

        Load load = new Load(users);
        long openStart = System.nanoTime();
        List<IdleSession> sessions = openSessions(target, progress, http, scheduler, users, load);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        double connectPerSecond = sessions.size() / openSeconds;
        progress.line("%s: %d sessions open in %.1f s (%.0f/s), %d failed", name(), sessions.size(), openSeconds,
                connectPerSecond, load.connectFailures.get());

        if (!sessions.isEmpty()) {
            progress.line("%s: negotiated heart-beats %s", name(), sessions.get(0).heartBeat());
        }
        long heapAfter = heap.usedAfterFullGc();
        double perSessionKb = sessions.isEmpty() ? 0 : (heapAfter - heapBefore) / 1024.0 / sessions.size();
        progress.line("%s: platform heap %.1f MB with them open: %.1f KB per session", name(), mb(heapAfter), perSessionKb);

        load.run(sessions, scheduler, progress);
        Histogram delivered = load.tally.latencyMicros();
        Histogram acknowledged;
        synchronized (load.acceptedMicros) {
            acknowledged = load.acceptedMicros.copy();
        }
        progress.line("%s: send->accepted p50 %.1f ms p99 %.1f ms", name(), Figure.millis(acknowledged, 50),
                Figure.millis(acknowledged, 99));
        progress.line("%s: %d sent, %d accepted, send->delivered p50 %.1f ms p99 %.1f ms, %d lost, %d duplicated",
                name(), load.sent.get(), load.accepted.get(), Figure.millis(delivered, 50),
                Figure.millis(delivered, 99), load.tally.lost(), load.tally.duplicated());

        closeAll(sessions, progress);

        List<Figure> figures = List.of(
                new Figure("sessions", sessions.size(), "sessions"),
                new Figure("heap-before-mb", mb(heapBefore), "MB"),
                new Figure("heap-after-mb", mb(heapAfter), "MB"),
                new Figure("heap-per-session-kb", perSessionKb, "KB"),
                new Figure("connect-per-s", connectPerSecond, "sessions/s"),
                new Figure("overloaded-retries", load.overloaded.get(), "commands"),
                Figure.percentileMs("accepted-p50-ms", acknowledged, 50),
                Figure.percentileMs("accepted-p99-ms", acknowledged, 99),
                Figure.percentileMs("delivered-p50-ms", delivered, 50),
                Figure.percentileMs("delivered-p99-ms", delivered, 99));
        String description = String.format("%d idle STOMP sessions (%d users x %d) on one node, then %d msg/s for %d s "
                        + "between %d pairs of them, delivered to all %d sessions of sender and recipient",
                sessions.size(), settings.users(), settings.sessionsPerUser(), settings.sendsPerSecond(),
                settings.loadDuration().toSeconds(), settings.senderPairs(), 2 * settings.sessionsPerUser());
        long errors = load.connectFailures.get() + load.rejected.get() + load.unexpectedCloses.get();
        return new ScenarioResult(name(), description, figures, Map.of("send-delivered", delivered, "send-accepted", acknowledged),
                load.accepted.get(), load.tally.lost(), load.tally.duplicated(), errors);
    }

    private List<TokenGrant> registerUsers(JsonHttp json, Progress progress) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        AuthApi auth = new AuthApi(json, new CookieManager(), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4, DaemonThreads.named("idle-sessions-register"));
        try {
            List<Future<TokenGrant>> grants = new ArrayList<>();
            for (int i = 0; i < settings.users(); i++) {
                String username = "idle-" + run + "-" + i;
                grants.add(pool.submit(() -> BenchAccounts.registerAndLogin(auth, username, username)));
            }
            List<TokenGrant> users = new ArrayList<>();
            for (Future<TokenGrant> grant : grants) {
                users.add(grant.get());
            }
            progress.line("%s: %d users registered and logged in", name(), users.size());
            return users;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<IdleSession> openSessions(Target target, Progress progress, HttpClient http,
            ScheduledExecutorService scheduler, List<TokenGrant> users, Load load) throws InterruptedException {
        List<IdleSession> sessions = Collections.synchronizedList(new ArrayList<>());
        // Past this many failures the server is refusing (a connection limit): stop instead of timing out each one.
        int giveUpAfter = 2 * settings.connectConcurrency();
        AtomicInteger opened = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.connectConcurrency(), DaemonThreads.named("idle-sessions-open"));
        for (int i = 0; i < settings.sessions(); i++) {
            int index = i;
            int user = i % settings.users(); // users' sessions interleaved, so each user's grow together
            pool.execute(() -> {
                if (load.connectFailures.get() >= giveUpAfter) {
                    return;
                }
                try {
                    sessions.add(IdleSession.open(index, user, users.get(user).accessToken(), http,
                            target.webSocketUrl(), scheduler, TIMEOUT, load));
                    int count = opened.incrementAndGet();
                    if (count % 1000 == 0) {
                        progress.line("%s: %d sessions open", name(), count);
                    }
                } catch (Exception e) {
                    if (load.connectFailures.incrementAndGet() <= 5) {
                        progress.line("%s: session %d failed to open: %s", name(), index, e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return new ArrayList<>(sessions);
    }

    private void closeAll(List<IdleSession> sessions, Progress progress) throws InterruptedException {
        sessions.forEach(IdleSession::close);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (sessions.stream().anyMatch(IdleSession::isOpen) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        progress.line("%s: sessions closed (%d still open)", name(), sessions.stream().filter(IdleSession::isOpen).count());
    }

    /** The light send load: sender user 2p sends to user 2p+1 over its first session, round-robin over the pairs. */
    private final class Load implements IdleSession.Frames {
        final List<TokenGrant> users;
        final DeliveryTally tally = new DeliveryTally();
        final AtomicInteger connectFailures = new AtomicInteger();
        final AtomicLong unexpectedCloses = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final Map<String, Boolean> answered = new ConcurrentHashMap<>();
        final AtomicLong overloaded = new AtomicLong();
        /** How to send each message again: an OVERLOADED send is resent after retryAfterMs, as a client would. */
        private final Map<String, Runnable> resend = new ConcurrentHashMap<>();
        private volatile ScheduledExecutorService retries;
        /** Send to MessageAccepted: splits send->delivered into the command and the push part. */
        final Histogram acceptedMicros = new Histogram(60_000_000L, 3);

        Load(List<TokenGrant> users) {
            this.users = users;
        }

        void run(List<IdleSession> sessions, ScheduledExecutorService scheduler, Progress progress) throws Exception {
            retries = scheduler;
            Map<Integer, IdleSession> senderSession = new ConcurrentHashMap<>();
            Map<Integer, Integer> sessionsOfUser = new ConcurrentHashMap<>();
            for (IdleSession session : sessions) {
                senderSession.putIfAbsent(session.userIndex(), session);
                sessionsOfUser.merge(session.userIndex(), 1, Integer::sum);
            }
            long total = settings.sends();
            long periodMicros = 1_000_000L / settings.sendsPerSecond();
            AtomicLong next = new AtomicLong();
            progress.line("%s: sending %d messages at %d/s", name(), total, settings.sendsPerSecond());
            var task = scheduler.scheduleAtFixedRate(() -> {
                long n = next.getAndIncrement();
                if (n >= total) {
                    return;
                }
                int pair = (int) (n % settings.senderPairs());
                int sender = 2 * pair;
                int recipient = sender + 1;
                IdleSession via = senderSession.get(sender);
                if (via == null) {
                    return;
                }
                String clientMessageId = "idle-" + n + "-" + UUID.randomUUID();
                tally.sending(clientMessageId, System.nanoTime(),
                        sessionsOfUser.getOrDefault(sender, 0) + sessionsOfUser.getOrDefault(recipient, 0));
                sent.incrementAndGet();
                String body = JsonHttp.write(Map.of("peerId", users.get(recipient).userId(),
                        "clientMessageId", clientMessageId, "envelope", Map.of("text", "idle-sessions load " + n)));
                Runnable send = () -> via.send("/app/private.send", body).exceptionally(failure -> {
                    tally.notSent(clientMessageId);
                    rejected.incrementAndGet();
                    return null;
                });
                resend.put(clientMessageId, send);
                send.run();
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            long deadline = System.nanoTime() + settings.loadDuration().toNanos() + TIMEOUT.toNanos();
            while (next.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            task.cancel(false);
            // Wait for the replies and the deliveries still on their way.
            long drainEnd = System.nanoTime() + settings.drainWait().toNanos();
            while (System.nanoTime() < drainEnd && (answered.size() < sent.get() || tally.lost() > 0)) {
                Thread.sleep(50);
            }
        }

        @Override
        public void received(IdleSession session, JsonNode body, long nanos) {
            String type = body.path("type").asText();
            String clientMessageId = body.path("clientMessageId").asText();
            switch (type) {
                case "MessageReceived" -> tally.received(session.index(), clientMessageId, nanos);
                case "MessageAccepted" -> {
                    Long sentAt = tally.sentAt(clientMessageId);
                    if (answered.putIfAbsent(clientMessageId, true) == null && sentAt != null) {
                        accepted.incrementAndGet();
                        synchronized (acceptedMicros) {
                            acceptedMicros.recordValue(Math.min(Math.max(0, (nanos - sentAt) / 1000),
                                    acceptedMicros.getHighestTrackableValue()));
                        }
                    }
                }
                case "CommandRejected" -> {
                    Runnable again = resend.get(clientMessageId);
                    if (Overloaded.is(body) && again != null && !answered.containsKey(clientMessageId)) {
                        overloaded.incrementAndGet();
                        retries.schedule(again, Overloaded.retryAfterMillis(body), TimeUnit.MILLISECONDS);
                        return;
                    }
                    if (answered.putIfAbsent(clientMessageId, true) == null) {
                        rejected.incrementAndGet();
                        tally.notSent(clientMessageId);
                    }
                }
                default -> { } // presence, receipts: not counted
            }
        }

        @Override
        public void closedUnexpectedly(IdleSession session, String reason) {
            unexpectedCloses.incrementAndGet();
        }
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

}
