package parley.bench.history;

import parley.bench.BenchAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.Target;
import parley.client.auth.AuthApi;
import parley.client.auth.TokenGrant;
import parley.client.http.JsonHttp;
import parley.client.stomp.StompConnection;
import parley.client.stomp.StompFrame;
import parley.client.stomp.StompListener;

/**
 * (d) History reads deep in a long chat: pages of 50 at random positions of a private chat with
 * 1,000,000 messages, a few readers in a closed loop.
 *
 * <p>The chat is made for real (two users, one {@code private.send} over STOMP, so the command side,
 * the event store and every projection row exist), then seqs 2..N are seeded straight into the read
 * table {@code messages} with one {@code generate_series} statement and the chat's {@code last_seq}
 * moved along ({@link HistorySeed}). Pushing a million messages through the whole pipeline (command,
 * event store, Kafka, projection) would take most of an hour on the benchmark machine, and this
 * scenario measures only the read path. The command side's aggregate still knows only seq 1, so
 * nothing may be sent to this chat afterwards.
 */
public final class HistoryScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(60);
    /** About the size of a real end-to-end envelope of a short text for two devices. */
    private static final int ENVELOPE_PADDING = 600;

    private final HistorySettings settings;

    public HistoryScenario(HistorySettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "d-history";
    }

    @Override
    public ScenarioResult run(Target target, Progress progress) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        AuthApi auth = new AuthApi(new JsonHttp(http, target.baseUrl()), new CookieManager(), Clock.systemUTC());
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        TokenGrant reader = BenchAccounts.registerAndLogin(auth, "hist-" + run + "-a", "hist-" + run + "-a");
        TokenGrant peer = BenchAccounts.registerAndLogin(auth, "hist-" + run + "-b", "hist-" + run + "-b");

        UUID chatId = sendFirstMessage(target, http, reader, peer);
        awaitProjected(target, http, reader, chatId);
        progress.line("%s: chat %s has its first message; seeding %,d", name(), chatId, settings.messages());

        long seedStart = System.nanoTime();
        long seeded = HistorySeed.seed(target.jdbcUrl(), target.jdbcUser(), chatId, settings.messages());
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        progress.line("%s: %,d rows seeded and analyzed in %.1f s", name(), seeded, seedSeconds);

        Readers readers = new Readers(http, target.baseUrl(), reader.accessToken(), chatId);
        readers.run(progress);
        Histogram pages = readers.measured;
        double seconds = settings.measured().toMillis() / 1000.0;
        double pagesPerSecond = pages.getTotalCount() / seconds;
        progress.line("%s: %.0f pages/s, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms, %d wrong or failed", name(), pagesPerSecond,
                Figure.millis(pages, 50), Figure.millis(pages, 99), Figure.millis(pages, 99.9), readers.errors.get());

        List<Figure> figures = List.of(
                new Figure("pages-per-s", pagesPerSecond, "pages/s"),
                Figure.percentileMs("page-p50-ms", pages, 50),
                Figure.percentileMs("page-p99-ms", pages, 99),
                Figure.percentileMs("page-p999-ms", pages, 99.9),
                new Figure("messages", seeded + 1, "messages"),
                new Figure("seed-s", seedSeconds, "s"));
        String description = String.format("history pages of %d at random beforeSeq in a private chat of %,d messages, "
                + "%d readers in a closed loop for %d s", settings.pageSize(), settings.messages(), settings.readers(),
                settings.measured().toSeconds());
        return new ScenarioResult(name(), description, figures, Map.of("history-page", pages), 0, 0, 0, readers.errors.get());
    }

    /** One real {@code private.send}; its {@code MessageAccepted} names the chat. */
    private static UUID sendFirstMessage(Target target, HttpClient http, TokenGrant sender, TokenGrant peer) throws Exception {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        StompConnection stomp = StompConnection.open(http, target.webSocketUrl(),
                Map.of("Authorization", "Bearer " + sender.accessToken()), new StompListener() {
                    @Override
                    public void onMessage(StompFrame message) {
                        try {
                            JsonNode body = JsonHttp.JSON.readTree(message.body());
                            String type = body.path("type").asText();
                            if (type.equals("MessageAccepted") || type.equals("CommandRejected")) {
                                reply.complete(body);
                            }
                        } catch (Exception e) {
                            reply.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void onError(StompFrame error) {
                        reply.completeExceptionally(new IllegalStateException("ERROR " + error.header("message")));
                    }

                    @Override
                    public void onClosed(String reason) {
                        reply.completeExceptionally(new IllegalStateException("closed: " + reason));
                    }
                }, scheduler, TIMEOUT);
        try {
            stomp.subscribe("/user/queue/replies");
            stomp.send("/app/private.send", JsonHttp.write(Map.of("peerId", peer.userId(),
                    "clientMessageId", "history-first-" + UUID.randomUUID(),
                    "envelope", Map.of("text", "the first of many", "padding", "x".repeat(ENVELOPE_PADDING)))));
            JsonNode accepted = reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!accepted.path("type").asText().equals("MessageAccepted")) {
                throw new IllegalStateException("the first message was refused: " + accepted);
            }
            return UUID.fromString(accepted.path("chatId").asText());
        } finally {
            stomp.close();
            scheduler.shutdown();
        }
    }

    /** The projection writes the first message's rows through Kafka: seeding needs them (it copies the row). */
    private static void awaitProjected(Target target, HttpClient http, TokenGrant reader, UUID chatId) throws Exception {
        HttpRequest newest = page(target.baseUrl(), reader.accessToken(), chatId, "limit=1");
        long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(newest, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && JsonHttp.JSON.readTree(response.body()).path("messages").size() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the first message of " + chatId + " was not projected within " + PROJECTION_WAIT);
    }

    private static HttpRequest page(URI base, String accessToken, UUID chatId, String query) {
        return HttpRequest.newBuilder(URI.create(base + "/api/chats/" + chatId + "/messages?" + query))
                .header("Authorization", "Bearer " + accessToken).timeout(TIMEOUT).GET().build();
    }

    /** Closed-loop readers: each reads a page, checks it, and reads the next at once. */
    private final class Readers {
        final HttpClient http;
        final URI base;
        final String accessToken;
        final UUID chatId;
        final Histogram measured = new Histogram(60_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        final AtomicLong firstProblemsShown = new AtomicLong();
        volatile long measureFrom;
        volatile long measureUntil;

        Readers(HttpClient http, URI base, String accessToken, UUID chatId) {
            this.http = http;
            this.base = base;
            this.accessToken = accessToken;
            this.chatId = chatId;
        }

        void run(Progress progress) throws InterruptedException {
            long now = System.nanoTime();
            measureFrom = now + settings.warmUp().toNanos();
            measureUntil = measureFrom + settings.measured().toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < settings.readers(); i++) {
                Thread thread = new Thread(() -> readUntilDone(progress), "history-reader-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void readUntilDone(Progress progress) {
            Histogram own = new Histogram(60_000_000L, 3);
            long top = settings.messages();
            while (System.nanoTime() < measureUntil) {
                long beforeSeq = ThreadLocalRandom.current().nextLong(settings.lowestBeforeSeq(), top + 1);
                long start = System.nanoTime();
                String problem;
                try {
                    HttpResponse<String> response = http.send(page(base, accessToken, chatId,
                            "beforeSeq=" + beforeSeq + "&limit=" + settings.pageSize()), HttpResponse.BodyHandlers.ofString());
                    problem = response.statusCode() != 200 ? "HTTP " + response.statusCode()
                            : HistoryPage.problem(JsonHttp.JSON.readTree(response.body()), beforeSeq, settings.pageSize());
                } catch (Exception e) {
                    problem = e.toString();
                }
                long end = System.nanoTime();
                if (start < measureFrom) {
                    continue;
                }
                if (problem != null) {
                    errors.incrementAndGet();
                    if (firstProblemsShown.incrementAndGet() <= 5) {
                        progress.line("%s: wrong page: %s", name(), problem);
                    }
                } else if (end <= measureUntil) {
                    own.recordValue(Math.min((end - start) / 1000, own.getHighestTrackableValue()));
                }
            }
            synchronized (measured) {
                measured.add(own);
            }
        }
    }
}
