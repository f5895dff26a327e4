package parley.ops.replica;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.LocalReplica;
import parley.local.TestDatabase;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * History reads through a real streaming replica of the test database: served by the replica,
 * by the primary while the replica is down (its breaker open) and back on the replica once it
 * returns; with replay paused, a read naming the send's seq still sees the message.
 */
@PlatformTest
@DirtiesContext // its replica health checks and pools end with the class, not with the JVM
class ReplicaReadsEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String REPLICA = "near";
    private static final String BREAKER = "parley-read-replica-" + REPLICA;

    private static TestDatabase database;

    @Autowired
    private MeterRegistry meters;

    private TestUser alice;
    private TestUser bob;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        LocalReplica replica = SharedReplica.get();
        database = PlatformProperties.register(registry, "replica");
        registry.add("parley.query.replicas[0].name", () -> REPLICA);
        registry.add("parley.query.replicas[0].url", () -> replica.jdbcUrl(database.name()));
        registry.add("parley.query.replica-routing.check-interval", () -> "300ms");
        registry.add("parley.query.replica-routing.breaker.open-duration", () -> "2s");
        // Replay stays paused for a few seconds in one test; the replica must still count as healthy.
        registry.add("parley.query.replica-routing.max-lag", () -> "5m");
        // The primary's projection runs behind Kafka; on a loaded CI machine that can take over the 2 s default.
        registry.add("parley.query.read-your-writes.primary-wait", () -> "20s");
        // Every history poll comes from 127.0.0.1.
        registry.add("parley.ratelimit.classes.ip.limit", () -> "100000");
        registry.add("parley.ratelimit.classes.reads.limit", () -> "100000");
    }

    /** Before the context, whose properties name the replica: a machine without one skips here, saying why. */
    @BeforeAll
    static void needsTheMachinesPostgres() {
        SharedReplica.require();
    }

    @BeforeEach
    void replicaFollowsThePrimary() {
        LocalReplica replica = SharedReplica.get();
        replica.start();
        replica.resumeReplay();
        alice = http.registerAndLogin("alice");
        bob = http.registerAndLogin("bob");
        await().atMost(WAIT).until(() -> breakerIs("closed") && !Double.isNaN(lag()));
    }

    @Test
    void sentMessagesAreReadBackThroughTheReplica() throws Exception {
        JsonNode sent = send(alice, bob, "m-1", "via the replica");
        String chatId = sent.get("chatId").asText();

        JsonNode history = awaitServedBy(REPLICA, chatId, "", sent.get("seq").asLong());
        assertThat(history.get("messages").get(0).get("envelope").get("text").asText()).isEqualTo("via the replica");
        assertThat(lag()).as("replay lag in seconds").isBetween(0.0, 300.0);
    }

    @Test
    void readsGoToThePrimaryWhileTheReplicaIsDownAndReturnWhenItIsBack() throws Exception {
        JsonNode sent = send(alice, bob, "m-1", "survives an outage");
        String chatId = sent.get("chatId").asText();
        long seq = sent.get("seq").asLong();
        awaitServedBy(REPLICA, chatId, "", seq);

        LocalReplica replica = SharedReplica.get();
        replica.stop();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(hasSeq(history(chatId, ""), seq)).as("every read succeeds during the outage").isTrue();
                assertThat(breakerIs("open")).as("the breaker opens").isTrue();
            });
            assertThat(lag()).as("no lag figure for a replica that cannot be reached").isNaN();
            assertThat(hasSeq(servedBy("primary", () -> history(chatId, "")), seq))
                    .isTrue();
        } finally {
            replica.start();
        }

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(hasSeq(history(chatId, ""), seq)).isTrue();
            assertThat(breakerIs("closed")).as("the breaker closes again").isTrue();
        });
        awaitServedBy(REPLICA, chatId, "", seq);
    }

    @Test
    void aReadNamingTheSendsSeqSeesItWhileReplayIsPaused() throws Exception {
        JsonNode first = send(alice, bob, "m-1", "replayed");
        String chatId = first.get("chatId").asText();
        long firstSeq = first.get("seq").asLong();
        awaitServedBy(REPLICA, chatId, "", firstSeq);

        LocalReplica replica = SharedReplica.get();
        replica.pauseReplay();
        try {
            JsonNode second = send(alice, bob, "m-2", "written while replay is paused");
            long seq = second.get("seq").asLong();
            assertThat(seq).isEqualTo(firstSeq + 1);

            double primaryBefore = reads("primary");
            JsonNode yourWrites = history(chatId, "&minSeq=" + seq);
            assertThat(hasSeq(yourWrites, seq)).as("read-your-writes: the primary serves what the replica lacks").isTrue();
            assertThat(reads("primary")).as("served by the primary").isGreaterThan(primaryBefore);

            JsonNode stale = servedBy(REPLICA, () -> history(chatId, ""));
            assertThat(hasSeq(stale, seq)).as("the paused replica does not have it yet").isFalse();
            assertThat(hasSeq(stale, firstSeq)).isTrue();
        } finally {
            replica.resumeReplay();
        }
        awaitServedBy(REPLICA, chatId, "&minSeq=" + (firstSeq + 1), firstSeq + 1);
    }

    /** Polls until one whole read of the history, served by {@code target} alone, holds {@code seq}. */
    private JsonNode awaitServedBy(String target, String chatId, String query, long seq) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode body = servedBy(target, () -> history(chatId, query));
            assertThat(hasSeq(body, seq)).as("seq " + seq + " read from " + target).isTrue();
            found.set(body);
        });
        return found.get();
    }

    private double lag() {
        return meters.get("parley.query.replica.lag").tag("replica", REPLICA).gauge().value();
    }

    private JsonNode send(TestUser from, TestUser to, String clientId, String text) throws Exception {
        try (StompTestClient client = StompTestClient.connect(wsUrl(), from.accessToken())) {
            client.send("/app/private.send", Map.of("peerId", to.userId().toString(), "clientMessageId", clientId,
                    "envelope", Map.of("text", text)));
            JsonNode accepted = client.nextReply(WAIT);
            assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
            return accepted;
        }
    }

    private JsonNode history(String chatId, String query) {
        ParleyHttp.Response response = http.get("/api/chats/" + chatId + "/messages?limit=50" + query, bob.accessToken());
        assertThat(response.status()).as("history read").isIn(200, 404);
        return response.status() == 200 ? response.body() : null;
    }

    /** Runs one read and checks that every statement of it ran on {@code target}. */
    private JsonNode servedBy(String target, Supplier<JsonNode> read) {
        String other = target.equals(REPLICA) ? "primary" : REPLICA;
        double targetBefore = reads(target);
        double otherBefore = reads(other);
        JsonNode body = read.get();
        assertThat(reads(target)).as("reads on " + target).isGreaterThan(targetBefore);
        assertThat(reads(other)).as("reads on " + other).isEqualTo(otherBefore);
        return body;
    }

    private double reads(String target) {
        Counter counter = meters.find("parley.query.reads").tag("target", target).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean breakerIs(String state) {
        Gauge gauge = meters.find("resilience4j.circuitbreaker.state").tag("name", BREAKER).tag("state", state).gauge();
        return gauge != null && gauge.value() == 1;
    }

    private static boolean hasSeq(JsonNode body, long seq) {
        if (body == null) {
            return false;
        }
        for (JsonNode message : body.get("messages")) {
            if (message.get("seq").asLong() == seq) {
                return true;
            }
        }
        return false;
    }
}
