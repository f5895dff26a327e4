package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.testing.PlatformProperties;
import parley.command.testing.TestUser;

/**
 * The event-store gap pitfall (AxonFramework issue 4829): an append whose transaction commits
 * later than the gap timeout, while later events are published past it, must still reach Kafka
 * and the read tables; and while it is held, other chats go on (the held transaction keeps one
 * pooled connection, also through PgBouncer, and the publisher tracks past the gap).
 *
 * <p>Its waits follow events with {@link Waits#ASYNC} as their bound, and it sends only once the
 * context's Kafka consumers hold their partitions ({@link RunningPlatform}): on a slow CI day a
 * fixed 30 s wait for a fresh context's first projections, consumer group joins included, was too
 * short.
 */
@PlatformTest
class SlowCommitEndToEndTest extends RunningPlatform {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "gap");
        registry.add("parley.event-store.gap-timeout", GAP_TIMEOUT::toString);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventCommittedAfterTheGapTimeoutIsStillPublished() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        UUID slowChat = Ids.privateChatId(alice.userId(), bob.userId());
        UUID busyChat = Ids.privateChatId(alice.userId(), carol.userId());

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> slowCommit = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            commands.sendAndWait(send(slowChat, alice, bob, "slow"));
            appended.countDown();
            waitFor(commit); // the row exists, uncommitted, holding its global index
        }));
        assertThat(appended.await(Waits.ASYNC.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        long heldSince = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            commands.sendAndWait(send(busyChat, alice, carol, "busy-" + i));
        }
        await().atMost(Waits.ASYNC).until(() -> projected(busyChat) == 5);
        assertThat(projected(slowChat)).as("still uncommitted").isZero();

        // The later events are past the gap, and the gap is older than its timeout, before the commit.
        sleep(GAP_TIMEOUT.multipliedBy(3).minusNanos(System.nanoTime() - heldSince));
        commit.countDown();
        slowCommit.get(Waits.ASYNC.toMillis(), TimeUnit.MILLISECONDS);
        await().atMost(Waits.ASYNC).until(() -> projected(slowChat) == 1);
    }

    private static SendPrivateMessage send(UUID chat, TestUser from, TestUser to, String clientId) {
        return new SendPrivateMessage(chat, Ids.uuid7(), from.userId(), to.userId(), clientId, new Envelope("{\"text\":\"x\"}"));
    }

    private long projected(UUID chatId) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE chat_id = :chat").param("chat", chatId).query(Long.class).single();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(Waits.scaled(Duration.ofMinutes(2)).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released the slow commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
