package parley.command.chat.privatechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.message.MessageCommands.EditPrivateMessage;
import parley.api.message.MessageCommands.RedactPrivateMessage;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.RecentSends;
import parley.command.rejection.CommandRejectedException;

class PrivateChatTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final UUID ALICE = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final UUID CAROL = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    private static final UUID CHAT = Ids.privateChatId(ALICE, BOB);
    private static final Envelope HELLO = new Envelope("{\"ciphertext\":\"aGVsbG8=\"}");

    private FixtureConfiguration<PrivateChat> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateChat.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theFirstMessageStartsTheChatWithSeqOne() {
        UUID messageId = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new SendPrivateMessage(CHAT, messageId, BOB, ALICE, "c-1", HELLO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new PrivateChatStarted(CHAT, ALICE, BOB, NOW),
                        new PrivateMessageSent(CHAT, messageId, 1, BOB, ALICE, "c-1", HELLO, NOW))
                .expectResultMessagePayload(new MessageAccepted(CHAT, messageId, 1));
    }

    @Test
    void laterMessagesTakeTheNextSeq() {
        UUID messageId = UUID.randomUUID();
        fixture.given(started(), sent(1, ALICE, "c-1"), sent(2, BOB, "c-1"))
                .when(new SendPrivateMessage(CHAT, messageId, ALICE, BOB, "c-2", HELLO))
                .expectEvents(new PrivateMessageSent(CHAT, messageId, 3, ALICE, BOB, "c-2", HELLO, NOW))
                .expectResultMessagePayload(new MessageAccepted(CHAT, messageId, 3));
    }

    @Test
    void aRetriedSendReturnsTheOriginalResultAndStoresNothing() {
        PrivateMessageSent original = sent(1, ALICE, "c-1");
        fixture.given(started(), original, sent(2, BOB, "c-9"))
                .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), ALICE, BOB, "c-1", HELLO))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(CHAT, original.messageId(), 1));
    }

    @Test
    void theSameClientIdFromTheOtherParticipantIsANewMessage() {
        UUID messageId = UUID.randomUUID();
        fixture.given(started(), sent(1, ALICE, "c-1"))
                .when(new SendPrivateMessage(CHAT, messageId, BOB, ALICE, "c-1", HELLO))
                .expectEvents(new PrivateMessageSent(CHAT, messageId, 2, BOB, ALICE, "c-1", HELLO, NOW));
    }

    @Test
    void aNonParticipantCannotSendIntoTheChat() {
        fixture.given(started())
                .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), CAROL, BOB, "c-1", HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("you are not a participant of this chat");
    }

    @Test
    void aChatIdThatDoesNotBelongToThePairIsRejected() {
        UUID otherChat = Ids.privateChatId(ALICE, CAROL);
        fixture.givenNoPriorActivity()
                .when(new SendPrivateMessage(otherChat, UUID.randomUUID(), ALICE, BOB, "c-1", HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void sendingToYourselfIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), ALICE, ALICE, "c-1", HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("you cannot send a private message to yourself");
    }

    @Test
    void anEnvelopeOver64KiBIsRejected() {
        Envelope huge = new Envelope("{\"ciphertext\":\"" + "A".repeat(64 * 1024) + "\"}");
        fixture.given(started())
                .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), ALICE, BOB, "c-1", huge))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void aBlankClientMessageIdIsRejected() {
        fixture.given(started())
                .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), ALICE, BOB, " ", HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void retryDetectionForgetsTheOldestSendsBeyondTheWindow() {
        Object[] history = new Object[RecentSends.WINDOW + 2];
        history[0] = started();
        for (int seq = 1; seq <= RecentSends.WINDOW + 1; seq++) {
            history[seq] = sent(seq, ALICE, "c-" + seq);
        }
        UUID messageId = UUID.randomUUID();
        long next = RecentSends.WINDOW + 2L;
        fixture.given(history)
                .when(new SendPrivateMessage(CHAT, messageId, ALICE, BOB, "c-1", HELLO))
                .expectEvents(new PrivateMessageSent(CHAT, messageId, next, ALICE, BOB, "c-1", HELLO, NOW));
    }

    @Test
    void theSenderEditsTheirMessage() {
        Envelope edited = new Envelope("{\"ciphertext\":\"ZWRpdA==\"}");
        fixture.given(started(), sent(1, ALICE, "c-1"))
                .when(new EditPrivateMessage(CHAT, ALICE, 1, edited))
                .expectEvents(new MessageEdited(CHAT, ChatType.PRIVATE, 1, ALICE, edited, NOW));
    }

    @Test
    void aResentEditChangesNothingButALaterDifferentEditIsRecorded() {
        Envelope edited = new Envelope("{\"ciphertext\":\"ZWRpdA==\"}");
        MessageEdited firstEdit = new MessageEdited(CHAT, ChatType.PRIVATE, 1, ALICE, edited, NOW);
        fixture.given(started(), sent(1, ALICE, "c-1"), firstEdit)
                .when(new EditPrivateMessage(CHAT, ALICE, 1, edited))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), sent(1, ALICE, "c-1"), firstEdit)
                .when(new EditPrivateMessage(CHAT, ALICE, 1, HELLO))
                .expectEvents(new MessageEdited(CHAT, ChatType.PRIVATE, 1, ALICE, HELLO, NOW.plus(1, ChronoUnit.MICROS)));
    }

    /**
     * The read side keeps the edit with the latest time; an edit handled on a node whose clock is behind the one that
     * stamped the previous edit (a clock step) must still be the later one, or the read tables would keep the older text.
     */
    @Test
    void anEditOnANodeWhoseClockIsBehindIsStampedJustAfterThePreviousEdit() {
        Envelope first = new Envelope("{\"ciphertext\":\"Zmlyc3Q=\"}");
        Instant aheadByFiveMinutes = NOW.plus(Duration.ofMinutes(5));
        fixture.given(started(), sent(1, ALICE, "c-1"), new MessageEdited(CHAT, ChatType.PRIVATE, 1, ALICE, first, aheadByFiveMinutes))
                .when(new EditPrivateMessage(CHAT, ALICE, 1, HELLO))
                .expectEvents(new MessageEdited(CHAT, ChatType.PRIVATE, 1, ALICE, HELLO, aheadByFiveMinutes.plus(1, ChronoUnit.MICROS)));
    }

    @Test
    void aClientMessageIdWithANulOrControlCharactersIsRejected() {
        for (String id : new String[] {"nul\u0000id", "tab\tid", "x".repeat(129), "caf\u00e9"}) {
            fixture.given(started())
                    .when(new SendPrivateMessage(CHAT, UUID.randomUUID(), ALICE, BOB, id, HELLO))
                    .expectNoEvents()
                    .expectException(CommandRejectedException.class)
                    .expectExceptionMessage("'clientMessageId' must be 1 to 128 printable ASCII characters (U+0020 to U+007E)");
        }
    }

    @Test
    void nobodyEditsSomeoneElsesMessage() {
        fixture.given(started(), sent(1, ALICE, "c-1"))
                .when(new EditPrivateMessage(CHAT, BOB, 1, HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("only the sender can edit a message");
    }

    @Test
    void aRedactedMessageStaysRedactedAndCannotBeEdited() {
        fixture.given(started(), sent(1, ALICE, "c-1"))
                .when(new RedactPrivateMessage(CHAT, ALICE, 1))
                .expectEvents(new MessageRedacted(CHAT, ChatType.PRIVATE, 1, ALICE, NOW));
        fixture.given(started(), sent(1, ALICE, "c-1"), new MessageRedacted(CHAT, ChatType.PRIVATE, 1, ALICE, NOW))
                .when(new RedactPrivateMessage(CHAT, ALICE, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), sent(1, ALICE, "c-1"), new MessageRedacted(CHAT, ChatType.PRIVATE, 1, ALICE, NOW))
                .when(new EditPrivateMessage(CHAT, ALICE, 1, HELLO))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("message 1 was redacted");
    }

    @Test
    void anUnknownMessageCannotBeChanged() {
        fixture.given(started(), sent(1, ALICE, "c-1"))
                .when(new RedactPrivateMessage(CHAT, ALICE, 7))
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    private static PrivateChatStarted started() {
        return new PrivateChatStarted(CHAT, ALICE, BOB, NOW);
    }

    private static PrivateMessageSent sent(long seq, UUID sender, String clientMessageId) {
        UUID recipient = sender.equals(ALICE) ? BOB : ALICE;
        return new PrivateMessageSent(CHAT, UUID.randomUUID(), seq, sender, recipient, clientMessageId, HELLO, NOW);
    }
}
