package parley.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import parley.bench.DaemonThreads;
import parley.bench.Progress;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.Target;

/**
 * Scenarios (a) sustained private-chat sends and (b) group fan-out: real users (registered and logged in over
 * REST, one STOMP session each) send {@code private.send}/{@code group.send} in a closed or an open loop, and the
 * recipients acknowledge deliveries with coalesced {@code chat.delivered} receipts as a real client does.
 *
 * <p>Measured: send→ack ({@code MessageAccepted}) and send→delivered (each recipient's {@code MessageReceived})
 * latencies, throughput over the measured window only, errors, and an exactly-once ledger (every acknowledged
 * message delivered once to every other member's session). Sealed payloads are real v1 envelopes sealed with
 * the SDK once per (sender, chat) and reused under fresh clientMessageIds: the server checks their structure and
 * reader devices, which stay right, but cannot check the signature's binding to the clientMessageId, and the
 * bench's recipients do not decrypt. The cost of sealing is therefore reported apart ({@code seal-us}), measured
 * with the SDK on the chat's real readers. Access tokens are not refreshed: a run (setup included) must end
 * within their 15 minutes (the soak, longer, has its platform issue longer ones).
 *
 * <p>Before the load starts, sealed routes send one priming message each (the server's device lists may lag the
 * registrations) and group setup's {@code MemberAdded} pushes are awaited ({@link GroupsSettled}). Each
 * delivery receipt is a stored command on the server: in a big group they outnumber the messages many times, so
 * {@link LoadSettings#deliveryReceipts()} can switch them off to measure the fan-out alone.
 */
public final class LoadScenario implements Scenario {

    /** Generous: on a busy machine a reply of several seconds is a figure to report, not an error. */
    private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /**
     * How often a member acknowledges delivery per chat: 250 ms in chats up to the server's receipt
     * fan-out limit (100), 5 s above it, as protocol.md asks of clients in large groups: every
     * receipt is a stored command, and 500 members acknowledging four times a second would be 2,000
     * commands a second for one chat.
     */
    private static final long RECEIPT_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LARGE_GROUP_RECEIPT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int RECEIPT_FANOUT_LIMIT = 100;
    private static final int SETUP_THREADS = 8;
    private static final int SEAL_WARM_UP = 50;
    private static final int SEALS_TIMED = 200;

    private final LoadSettings settings;
    private final LoadWatcher watcher;

    public LoadScenario(LoadSettings settings) {
        this(settings, LoadWatcher.NONE);
    }

    /** A run that {@code watcher} follows (e.g. the soak's windows) besides the result it returns. */
    public LoadScenario(LoadSettings settings, LoadWatcher watcher) {
        this.settings = settings;
        this.watcher = watcher;
    }

    public LoadSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ScenarioResult run(Target target, Progress progress) throws Exception {
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ExecutorService httpThreads = Executors.newCachedThreadPool(DaemonThreads.named("bench-http"));
        ExecutorService setupThreads = Executors.newFixedThreadPool(SETUP_THREADS, DaemonThreads.named("bench-setup"));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, DaemonThreads.named("bench-timer"));
        // one client for every user's REST calls and WebSocket: one selector thread, not one per session
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<UserSession> sessions = new ArrayList<>();
        try {
            progress.line("%s: %s (run %s)", name(), settings.describe(), runId);
            DeliveryLedger ledger = new DeliveryLedger(chatSizes(settings.shape()));
            LoadRun run = new LoadRun(runId, List.of(), ledger, REPLY_TIMEOUT_NANOS, settings.deliveryReceipts());
            Prepared prepared = prepare(runId, http, target, run, sessions, setupThreads, timers, progress);
            drive(run, prepared.routes(), sessions, timers, progress);
            progress.line("%s: lost %d, duplicated %d", name(), ledger.missing(), ledger.duplicated());
            if (ledger.missing() > 0) {
                progress.line("%s: missing (chat, recipient, seq), first 20: %s", name(), ledger.missingDeliveries(20));
            }
            return LoadResults.of(settings, run, prepared.payloadBytes(), prepared.sealMicros());
        } finally {
            sessions.forEach(UserSession::close);
            timers.shutdownNow();
            setupThreads.shutdownNow();
            // the polite closes above run on these threads: give them a moment before stopping them
            httpThreads.shutdown();
            if (!httpThreads.awaitTermination(3, TimeUnit.SECONDS)) {
                httpThreads.shutdownNow();
            }
        }
    }

    /** What the setup hands to the load: the routes, the payload's size and the SDK's seal time (NaN if opaque). */
    private record Prepared(List<SendRoute> routes, int payloadBytes, double sealMicros) {
    }

    /** Users, their sessions (added to {@code sessions} as they open, so that they are closed whatever happens), chats, routes. */
    private Prepared prepare(String runId, HttpClient http, Target target, LoadRun run, List<UserSession> sessions,
            ExecutorService setupThreads, ScheduledExecutorService timers, Progress progress) throws InterruptedException {
        boolean sealed = settings.payload() == PayloadKind.SEALED;
        List<BenchUser> users = new UserSetup(http, target.baseUrl()).create(settings.users(), runId, sealed, setupThreads);
        progress.line("%s: %d users registered and logged in", name(), users.size());
        sessions.addAll(openSessions(http, target, users, settings.shape(), run, timers, setupThreads));
        List<BenchChat> chats = ChatSetup.chats(settings.shape(), sessions, runId, run.groupsSettled());
        chats.forEach(run::watch);
        if (!settings.shape().privatePairs()) {
            long settling = System.nanoTime();
            boolean settled = run.groupsSettled().await(SETTLE_TIMEOUT);
            progress.line("%s: %s after %.1f s", name(), settled ? "group creation pushed to every member"
                    : "group creation STILL being pushed, measuring anyway", (System.nanoTime() - settling) / 1e9);
        }
        Map<String, UserSession> byUser = sessions.stream()
                .collect(Collectors.toMap(session -> session.user().userId(), Function.identity()));
        List<SendRoute> routes = ChatSetup.routes(chats, byUser, settings.payload(), Payloads.privateEnvelopeBytes());
        double sealMicros = Double.NaN;
        if (sealed) {
            ChatSetup.prime(routes, runId, setupThreads);
            sealMicros = Payloads.sealMicros(routes.get(0).chat(), routes.get(0).session().user(), SEAL_WARM_UP, SEALS_TIMED);
        }
        int payloadBytes = Payloads.bytes(routes.get(0).payloadJson());
        progress.line("%s: %d sessions, %d chats, %d routes, payload %d bytes", name(), sessions.size(), chats.size(),
                routes.size(), payloadBytes);
        return new Prepared(routes, payloadBytes, sealMicros);
    }

    private void drive(LoadRun run, List<SendRoute> routes, List<UserSession> sessions, ScheduledExecutorService timers,
            Progress progress) throws InterruptedException {
        watcher.loadStarted(() -> LoadSnapshot.of(run.counters()));
        long start = System.nanoTime();
        long windowStart = start + settings.warmUp().toNanos();
        long end = windowStart + settings.measured().toNanos();
        MeasuredWindow window = new MeasuredWindow(windowStart, end);
        ProgressReport report = new ProgressReport(name(), run.counters(), progress);
        var ticks = timers.scheduleAtFixedRate(() -> {
            run.expireOverdue(System.nanoTime());
            report.tick();
        }, 1, 1, TimeUnit.SECONDS);
        // receipts held back by the coalescing window leave on this tick (a fifth of the window)
        long receiptWindow = receiptWindowNanos(settings.shape());
        var receipts = timers.scheduleAtFixedRate(() -> flushReceipts(run, sessions),
                receiptWindow / 5, receiptWindow / 5, TimeUnit.NANOSECONDS);
        try {
            LoadDriver driver = new LoadDriver(run, routes);
            if (settings.mode().openLoop()) {
                driver.openLoop(settings.mode().ratePerSecond(), start, window, end);
            } else {
                driver.closedLoop(settings.mode().concurrency(), window, end);
            }
            drain(run);
            watcher.loadEnded();
        } finally {
            ticks.cancel(false);
            receipts.cancel(false);
        }
        report.tick();
    }

    /**
     * Waits for the last replies and deliveries while they still come: it gives up only after the drain timeout has
     * passed with no reply or delivery arriving, so a slow machine still delivering is never counted as losing. What
     * is still missing then is lost.
     */
    private void drain(LoadRun run) throws InterruptedException {
        long quietLimit = settings.drainTimeout().toNanos();
        long lastChange = System.nanoTime();
        long outstanding = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            run.expireOverdue(now);
            long nowOutstanding = run.awaitingReply() + run.ledger().missing();
            if (nowOutstanding == 0) {
                return;
            }
            if (nowOutstanding != outstanding) {
                outstanding = nowOutstanding;
                lastChange = now;
            } else if (now - lastChange > quietLimit) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void flushReceipts(LoadRun run, List<UserSession> sessions) {
        long now = System.nanoTime();
        for (UserSession session : sessions) {
            session.receipts().due(now).forEach(receipt -> run.sendReceipt(session, receipt));
        }
    }

    private static List<UserSession> openSessions(HttpClient http, Target target, List<BenchUser> users, ChatShape shape, LoadRun run,
            ScheduledExecutorService timers, ExecutorService pool) {
        List<CompletableFuture<UserSession>> opening = users.stream()
                .map(user -> CompletableFuture.supplyAsync(() -> UserSession.open(http, target.webSocketUrl(), user, run,
                        new ReceiptCoalescer(receiptWindowNanos(shape)), timers), pool))
                .toList();
        return opening.stream().map(CompletableFuture::join).toList();
    }

    static long receiptWindowNanos(ChatShape shape) {
        return !shape.privatePairs() && shape.groupSize() > RECEIPT_FANOUT_LIMIT ? LARGE_GROUP_RECEIPT_WINDOW_NANOS
                : RECEIPT_WINDOW_NANOS;
    }

    private static int[] chatSizes(ChatShape shape) {
        int[] sizes = new int[shape.chats()];
        Arrays.fill(sizes, shape.groupSize());
        return sizes;
    }

}
