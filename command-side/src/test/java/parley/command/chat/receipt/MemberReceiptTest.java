package parley.command.chat.receipt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.api.ChatType;
import parley.api.receipt.AdvanceReceipt;
import parley.api.receipt.ReceiptAdvanced;
import parley.command.rejection.CommandRejectedException;

class MemberReceiptTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final UUID CHAT = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();

    private FixtureConfiguration<MemberReceipt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MemberReceipt.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theFirstDeliveryStartsTheWatermarks() {
        fixture.givenNoPriorActivity()
                .when(AdvanceReceipt.delivered(CHAT, ChatType.GROUP, USER, 5))
                .expectEvents(new ReceiptAdvanced(CHAT, ChatType.GROUP, USER, 5, 0, NOW));
    }

    @Test
    void readingImpliesDelivery() {
        fixture.given(new ReceiptAdvanced(CHAT, ChatType.GROUP, USER, 5, 0, NOW))
                .when(AdvanceReceipt.read(CHAT, ChatType.GROUP, USER, 8))
                .expectEvents(new ReceiptAdvanced(CHAT, ChatType.GROUP, USER, 8, 8, NOW));
    }

    @Test
    void readingBehindTheDeliveryWatermarkKeepsDelivery() {
        fixture.given(new ReceiptAdvanced(CHAT, ChatType.GROUP, USER, 9, 2, NOW))
                .when(AdvanceReceipt.read(CHAT, ChatType.GROUP, USER, 4))
                .expectEvents(new ReceiptAdvanced(CHAT, ChatType.GROUP, USER, 9, 4, NOW));
    }

    @Test
    void aLowerOrEqualWatermarkIsIgnoredNotAnError() {
        fixture.given(new ReceiptAdvanced(CHAT, ChatType.PRIVATE, USER, 9, 7, NOW))
                .when(AdvanceReceipt.read(CHAT, ChatType.PRIVATE, USER, 7))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new ReceiptAdvanced(CHAT, ChatType.PRIVATE, USER, 9, 7, NOW))
                .when(AdvanceReceipt.delivered(CHAT, ChatType.PRIVATE, USER, 3))
                .expectNoEvents();
    }

    @Test
    void aWatermarkBelowOneIsRejected() {
        fixture.givenNoPriorActivity()
                .when(AdvanceReceipt.delivered(CHAT, ChatType.PRIVATE, USER, 0))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }
}
