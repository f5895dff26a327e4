package parley.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import parley.client.http.JsonHttp;

/**
 * A client reading one chat's history every {@link #INTERVAL_MILLIS} as the global load balancer routes it: to its
 * region (A) while that answers, and after {@link #FAILOVER_AFTER} failed reads in a row (refused connection, time-out,
 * an error status; one slow answer from a busy node is no outage) to the next region (B), where it stays, as a client
 * whose DNS answer or LB target changed. Beside it, region B's own readers
 * read B every tick while A lives: proof that B's query side serves history from the standby before any failover.
 * A read succeeds when it answers 200 with a non-empty {@code messages} page.
 */
final class HistoryReader implements AutoCloseable {

    static final long INTERVAL_MILLIS = 50;
    static final int FAILOVER_AFTER = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final List<URI> regions;
    private final URI history;
    private final String accessToken;
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder readsOnBBeforeKill = new LongAdder();
    private final LongAdder failedOnBBeforeKill = new LongAdder();
    private final AtomicLong firstReadOnBAfterKill = new AtomicLong();
    private final AtomicLong newestSeqOnB = new AtomicLong();
    private final LongAdder readsOnBBeforePromotion = new LongAdder();
    private final Map<String, LongAdder> failureReasons = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile int current;
    private int failedInARow;
    private volatile long killedAt;
    private volatile long promotedAt;
    private volatile boolean stopping;

    /** @param regionA, regionB the query sides' base URLs, in the order the load balancer prefers them */
    HistoryReader(URI regionA, URI regionB, UUID chatId, String accessToken) {
        this.regions = List.of(regionA, regionB);
        this.history = URI.create("/api/chats/" + chatId + "/messages?limit=50");
        this.accessToken = accessToken;
        this.thread = new Thread(this::loop, "failover-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** From now on a read is after the kill. */
    void killed(long nanos) {
        killedAt = nanos;
    }

    /** From now on a read is after the promotion. */
    void promoted(long nanos) {
        promotedAt = nanos;
    }

    private void loop() {
        while (!stopping) {
            int region = current;
            boolean ok = read(region);
            failedInARow = ok ? 0 : failedInARow + 1;
            if (region == 0 && failedInARow >= FAILOVER_AFTER) {
                current = 1; // the client fails over; it does not go back on its own
            }
            if (killedAt == 0 && region == 0) {
                read(1); // region B's own readers
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean read(int region) {
        requests.increment();
        HttpRequest request = HttpRequest.newBuilder(regions.get(region).resolve(history)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode messages = response.statusCode() == 200 ? JsonHttp.JSON.readTree(response.body()).path("messages") : null;
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                return failed(region, response.statusCode() == 200 ? "empty page" : "status " + response.statusCode());
            }
            if (region == 1) {
                long newest = 0;
                for (JsonNode message : messages) {
                    newest = Math.max(newest, message.path("seq").asLong());
                }
                newestSeqOnB.accumulateAndGet(newest, Math::max);
                long killed = killedAt;
                if (killed == 0) {
                    readsOnBBeforeKill.increment();
                } else {
                    firstReadOnBAfterKill.compareAndSet(0, System.nanoTime());
                    if (promotedAt == 0) {
                        readsOnBBeforePromotion.increment();
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return failed(region, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    private boolean failed(int region, String reason) {
        failures.increment();
        if (region == 1 && killedAt == 0) {
            failedOnBBeforeKill.increment();
        }
        String phase = killedAt == 0 ? "before the kill" : promotedAt == 0 ? "after the kill" : "after the promotion";
        failureReasons.computeIfAbsent((region == 0 ? "A " : "B ") + phase + ": " + reason, key -> new LongAdder()).increment();
        return false;
    }

    /** Failed reads by region, phase and reason (an exception's class or a status). */
    Map<String, Long> failureReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        failureReasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return reasons;
    }

    /** Reads B served between A's kill and B's promotion: history from the standby. */
    long readsOnBBeforePromotion() {
        return readsOnBBeforePromotion.sum();
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failures.sum();
    }

    long readsOnBBeforeKill() {
        return readsOnBBeforeKill.sum();
    }

    long failedOnBBeforeKill() {
        return failedOnBBeforeKill.sum();
    }

    /** When the first read after the kill succeeded on B, 0 if none has yet. */
    long firstReadOnBAfterKill() {
        return firstReadOnBAfterKill.get();
    }

    long newestSeqOnB() {
        return newestSeqOnB.get();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
