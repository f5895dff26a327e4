package parley.command.chat.receipt;

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
import parley.api.Ids;
import parley.api.ChatType;
import parley.api.receipt.AdvanceReceipt;
import parley.command.CommandSideApplication;
import parley.command.testing.PlatformProperties;

/**
 * A member's receipt that has advanced many times is snapshotted, and loaded from its snapshot (not
 * from the cache) it still knows its watermarks: a lower receipt changes nothing, a higher one moves on.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberReceiptSnapshotIntegrationTest {

    private static final int THRESHOLD = 20;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "receipt_snapshot");
        registry.add("parley.event-store.snapshot-threshold", () -> THRESHOLD);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("memberReceiptCache")
    Cache cache;

    @Test
    void aReceiptLoadedFromItsSnapshotKeepsItsWatermarks() {
        UUID chat = Ids.uuid7();
        UUID member = Ids.uuid7();
        int advances = THRESHOLD * 2 + 5;
        for (int seq = 1; seq <= advances; seq++) {
            commands.sendAndWait(AdvanceReceipt.delivered(chat, ChatType.GROUP, member, seq));
        }
        commands.sendAndWait(AdvanceReceipt.read(chat, ChatType.GROUP, member, 3));
        String id = AdvanceReceipt.idOf(chat, member);
        await().atMost(Patience.scaled(Duration.ofSeconds(20))).until(() -> snapshots(id) > 0);
        long events = events(id);

        cache.removeAll();
        commands.sendAndWait(AdvanceReceipt.delivered(chat, ChatType.GROUP, member, advances - 1));
        assertThat(events(id)).as("a lower watermark is ignored").isEqualTo(events);

        commands.sendAndWait(AdvanceReceipt.delivered(chat, ChatType.GROUP, member, advances + 1));
        assertThat(events(id)).isEqualTo(events + 1);
        assertThat(lastPayload(id)).contains("\"deliveredUpToSeq\":" + (advances + 1), "\"readUpToSeq\":3");
    }

    private long snapshots(String id) {
        return jdbc.sql("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = :id").param("id", id)
                .query(Long.class).single();
    }

    private long events(String id) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id").param("id", id)
                .query(Long.class).single();
    }

    private String lastPayload(String id) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = :id"
                + " ORDER BY sequencenumber DESC LIMIT 1").param("id", id).query(String.class).single();
    }
}
