package parley.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import parley.bench.Target;

/**
 * What a closed-loop load's clients run on: a run id that prefixes its user names and message ids, an HTTP client on
 * threads of its own, setup threads, timers, and every STOMP session the load opened (closed with it). Shared by the
 * crash scenario's load and the CPU-starvation scenario's.
 */
final class LoadClients implements AutoCloseable {

    private static final int SETUP_THREADS = 8;

    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final ExecutorService httpThreads;
    private final ExecutorService setupThreads;
    private final ScheduledExecutorService timers;
    private final HttpClient http;
    private final List<UserSession> sessions = Collections.synchronizedList(new ArrayList<>());

    /** @param name the threads' name prefix ({@code crash}, {@code delivery}) */
    LoadClients(String name) {
        httpThreads = Executors.newCachedThreadPool(DaemonThreads.named(name + "-http"));
        setupThreads = Executors.newFixedThreadPool(SETUP_THREADS, DaemonThreads.named(name + "-setup"));
        timers = Executors.newScheduledThreadPool(2, DaemonThreads.named(name + "-timer"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String runId() {
        return runId;
    }

    ExecutorService setupThreads() {
        return setupThreads;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Users with a device each, named after this run. */
    List<BenchUser> createUsers(Target target, ChatShape shape) {
        return new UserSetup(http, target.baseUrl()).create(shape.users(), runId, true, setupThreads);
    }

    /** One session per user, opened in parallel, each reporting to {@code listener}; closed with this. */
    List<UserSession> openSessions(Target target, List<BenchUser> users, UserSession.Listener listener, ChatShape shape) {
        List<CompletableFuture<UserSession>> opening = users.stream()
                .map(user -> CompletableFuture.supplyAsync(() -> UserSession.open(http, target.webSocketUrl(), user, listener,
                        new ReceiptCoalescer(LoadScenario.receiptWindowNanos(shape)), timers), setupThreads))
                .toList();
        List<UserSession> opened = opening.stream().map(CompletableFuture::join).toList();
        sessions.addAll(opened);
        return opened;
    }

    /** Users with a device and a session each, the private chats between them and a sealed route per direction. */
    record PrivateChats(List<BenchUser> users, List<UserSession> sessions, List<BenchChat> chats, Map<String, BenchChat> byId,
            List<SendRoute> routes) {
    }

    /** {@code pairs} private chats, set up and not yet primed: a load primes them once it can count the replies. */
    PrivateChats privateChats(Target target, int pairs, UserSession.Listener listener) {
        ChatShape shape = ChatShape.privatePairs(pairs);
        List<BenchUser> users = createUsers(target, shape);
        List<UserSession> opened = openSessions(target, users, listener, shape);
        List<BenchChat> chats = ChatSetup.chats(shape, opened, runId, new GroupsSettled());
        Map<String, BenchChat> byId = chats.stream().collect(Collectors.toMap(BenchChat::chatId, Function.identity()));
        List<SendRoute> routes = ChatSetup.routes(chats, byUser(opened), PayloadKind.SEALED, Payloads.privateEnvelopeBytes());
        return new PrivateChats(users, opened, chats, byId, routes);
    }

    /** One send on each route, so that every chat exists and every session has had a reply before a phase counts. */
    void prime(List<SendRoute> routes) {
        ChatSetup.prime(routes, runId, setupThreads);
    }

    static Map<String, UserSession> byUser(List<UserSession> sessions) {
        return sessions.stream().collect(Collectors.toMap(session -> session.user().userId(), Function.identity()));
    }

    @Override
    public void close() {
        synchronized (sessions) {
            sessions.forEach(UserSession::close);
        }
        timers.shutdownNow();
        setupThreads.shutdownNow();
        httpThreads.shutdown();
        try {
            if (!httpThreads.awaitTermination(3, TimeUnit.SECONDS)) {
                httpThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            httpThreads.shutdownNow();
        }
    }
}
