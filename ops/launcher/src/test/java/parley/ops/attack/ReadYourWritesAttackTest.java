package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * {@code minSeq} (read-your-writes) makes a history read wait and poll the database until the seq
 * arrives. Only a member's read of a seq that can still arrive waits, and only a few per user at a
 * time; anything else is answered at once. The waits are set far longer here (30 s) than any answer
 * is allowed to take (10 s), and the polls are counted, so "at once" does not depend on the machine.
 */
@PlatformTest
class ReadYourWritesAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final Duration AT_ONCE = Duration.ofSeconds(10);
    private static final int WAITING_PER_USER = 2;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "ryw_attack");
        registry.add("parley.query.read-your-writes.primary-wait", () -> "30s");
        registry.add("parley.query.read-your-writes.max-waiting-per-user", () -> WAITING_PER_USER);
        registry.add("parley.ratelimit.classes.reads.limit", () -> "100000");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void aMinSeqCostsNothingToOutsidersOrForSeqsThatCannotComeAndOneUsersWaitsAreBounded() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser mallory = http.registerAndLogin("mallory");
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            String chatId = send(aliceClient, bob, "m-1").get("chatId").asText();
            String history = "/api/chats/" + chatId + "/messages";
            await().atMost(WAIT).until(() -> seqs(http.get(history, bob.accessToken())).contains(1L));

            double polls = polls();
            ParleyHttp.Response outsider = timed("a non-member's minSeq read",
                    () -> http.get(history + "?minSeq=1", mallory.accessToken()));
            assertThat(outsider.status()).isEqualTo(404);
            assertThat(outsider.contentType()).hasToString("application/problem+json");

            ParleyHttp.Response absurd = timed("a minSeq far past the chat's last seq",
                    () -> http.get(history + "?minSeq=1000000000", bob.accessToken()));
            assertThat(absurd.status()).isEqualTo(200);
            assertThat(seqs(absurd)).as("the history as it is").containsExactly(1L);
            assertThat(polls()).as("neither read waited for its seq").isEqualTo(polls);
            assertThat(notWaited("not-a-member")).isEqualTo(1);
            assertThat(notWaited("beyond-last-seq")).isEqualTo(1);

            // Seq 2 is not sent yet: a read naming it may wait, but only two of bob's at a time.
            int readers = WAITING_PER_USER + 3;
            ExecutorService pool = Executors.newFixedThreadPool(readers);
            try {
                List<CompletableFuture<ParleyHttp.Response>> reads = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    reads.add(CompletableFuture.supplyAsync(() -> http.get(history + "?minSeq=2", bob.accessToken()), pool));
                }
                await().atMost(AT_ONCE).until(() -> reads.stream().filter(CompletableFuture::isDone).count() == readers - WAITING_PER_USER);
                assertThat(notWaited("too-many-waiting")).isEqualTo(readers - WAITING_PER_USER);
                for (CompletableFuture<ParleyHttp.Response> read : reads.stream().filter(CompletableFuture::isDone).toList()) {
                    assertThat(seqs(read.join())).as("served at once, as the history is").containsExactly(1L);
                }
                assertThat(reads.stream().filter(read -> !read.isDone()).count()).as("still waiting for seq 2")
                        .isEqualTo(WAITING_PER_USER);

                send(aliceClient, bob, "m-2");
                for (CompletableFuture<ParleyHttp.Response> read : reads) {
                    assertThat(read.get().status()).isEqualTo(200);
                }
                assertThat(reads.stream().filter(read -> seqs(read.join()).contains(2L)).count())
                        .as("the waiting reads see the seq they waited for").isEqualTo(WAITING_PER_USER);
            } finally {
                pool.shutdownNow();
            }
            assertThat(polls()).as("only the waiting reads polled").isGreaterThan(polls);
        }
    }

    private static JsonNode send(StompTestClient client, TestUser to, String clientMessageId) throws Exception {
        client.send("/app/private.send", Map.of("peerId", to.userId().toString(), "clientMessageId", clientMessageId,
                "envelope", Map.of("text", "hello")));
        JsonNode accepted = client.nextReply(WAIT);
        assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
        return accepted;
    }

    private static ParleyHttp.Response timed(String what, java.util.function.Supplier<ParleyHttp.Response> read) {
        long start = System.nanoTime();
        ParleyHttp.Response response = read.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(what + " took " + took.toMillis() + " ms, the configured wait is 30 s").isLessThan(AT_ONCE);
        return response;
    }

    private static List<Long> seqs(ParleyHttp.Response response) {
        List<Long> seqs = new ArrayList<>();
        if (response.status() == 200) {
            response.body().get("messages").forEach(message -> seqs.add(message.get("seq").asLong()));
        }
        return seqs;
    }

    private double polls() {
        Counter counter = meters.find("parley.query.read-your-writes.polls").counter();
        return counter == null ? 0 : counter.count();
    }

    private double notWaited(String reason) {
        Counter counter = meters.find("parley.query.read-your-writes.not-waited").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
