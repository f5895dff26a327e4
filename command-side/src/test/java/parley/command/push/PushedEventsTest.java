package parley.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What live push remembers (ADR 0021): a chat's seq once, in order; any other event once by id. */
class PushedEventsTest {

    private final PushedEvents pushed = new PushedEvents(PushDedupProperties.defaults());

    @Test
    void aMessageIsPushedOncePerChatAndSeqAndNeverBehindTheChatsMark() {
        UUID chat = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(pushed.firstPushOfMessage(chat, 1)).isTrue();
        assertThat(pushed.firstPushOfMessage(chat, 2)).isTrue();
        assertThat(pushed.firstPushOfMessage(chat, 2)).as("the same seq again").isFalse();
        assertThat(pushed.firstPushOfMessage(chat, 1)).as("a repeat of an earlier seq (a re-published batch)").isFalse();
        assertThat(pushed.firstPushOfMessage(other, 1)).as("chats are apart").isTrue();
        assertThat(pushed.firstPushOfMessage(chat, 3)).isTrue();
    }

    @Test
    void anotherEventIsPushedOncePerId() {
        assertThat(pushed.firstPushOfEvent("a")).isTrue();
        assertThat(pushed.firstPushOfEvent("b")).isTrue();
        assertThat(pushed.firstPushOfEvent("a")).isFalse();
    }

    @Test
    void aForgottenChatPushesItsNextRecordRatherThanLosingIt() {
        PushedEvents small = new PushedEvents(new PushDedupProperties(1, 1, Duration.ofHours(1)));
        UUID first = UUID.randomUUID();
        small.firstPushOfMessage(first, 5);
        for (int i = 0; i < 1000; i++) {
            small.firstPushOfMessage(UUID.randomUUID(), 1); // Caffeine evicts towards its bound
        }
        assertThat(small.firstPushOfMessage(first, 6)).as("a new seq of a forgotten chat is pushed").isTrue();
    }
}
