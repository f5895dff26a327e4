package parley.command.chat.privatechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import parley.local.Patience;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.CommandSideApplication;
import parley.command.testing.PlatformProperties;

/**
 * A long chat is snapshotted, and a chat loaded from its snapshot (not from the cache) still knows
 * its next seq and its recent client message ids.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivateChatSnapshotIntegrationTest {

    private static final int THRESHOLD = 20;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "snapshot");
        registry.add("parley.event-store.snapshot-threshold", () -> THRESHOLD);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("privateChatCache")
    Cache cache;

    @Test
    void aChatLoadedFromItsSnapshotContinuesWhereItWas() {
        UUID alice = Ids.uuid7();
        UUID bob = Ids.uuid7();
        UUID chat = Ids.privateChatId(alice, bob);
        int sent = THRESHOLD * 2 + 5;
        MessageAccepted recent = null;
        for (int i = 1; i <= sent; i++) {
            recent = commands.sendAndWait(send(chat, alice, bob, "c-" + i));
        }
        await().atMost(Patience.scaled(Duration.ofSeconds(20))).until(() -> snapshots(chat) > 0);

        cache.removeAll();
        MessageAccepted retried = commands.sendAndWait(send(chat, alice, bob, "c-" + sent));
        MessageAccepted next = commands.sendAndWait(send(chat, alice, bob, "c-next"));

        assertThat(retried).isEqualTo(recent);
        assertThat(next.seq()).isEqualTo(sent + 1L);
    }

    private static SendPrivateMessage send(UUID chat, UUID from, UUID to, String clientId) {
        return new SendPrivateMessage(chat, Ids.uuid7(), from, to, clientId, new Envelope("{\"c\":\"" + clientId + "\"}"));
    }

    private long snapshots(UUID chat) {
        return jdbc.sql("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = :id")
                .param("id", chat.toString()).query(Long.class).single();
    }
}
