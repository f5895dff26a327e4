package parley.client.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenMessagesTest {

    @Test
    void aMessageIsDeliveredOncePerChatAndSeq() {
        SeenMessages seen = new SeenMessages();

        assertThat(seen.firstTime("a", 1)).isTrue();
        assertThat(seen.firstTime("a", 1)).isFalse();
        assertThat(seen.firstTime("b", 1)).as("another chat").isTrue();
        assertThat(seen.firstTime("a", 3)).isTrue();
        assertThat(seen.firstTime("a", 2)).as("a late one").isTrue();
        assertThat(seen.highest("a")).isEqualTo(3);
    }

    @Test
    void aBaselineMovesTheCatchUpPointWithoutHidingLiveMessages() {
        SeenMessages seen = new SeenMessages();
        assertThat(seen.knows("a")).isFalse();
        assertThat(seen.highest("a")).isZero();

        seen.baseline("a", 10);

        assertThat(seen.knows("a")).isTrue();
        assertThat(seen.highest("a")).isEqualTo(10);
        assertThat(seen.firstTime("a", 10)).isTrue();
    }

    @Test
    void onlyTheLastWindowOfSeqsIsRemembered() {
        SeenMessages seen = new SeenMessages();
        for (long seq = 1; seq <= SeenMessages.WINDOW + 10; seq++) {
            assertThat(seen.firstTime("a", seq)).isTrue();
        }

        assertThat(seen.firstTime("a", 5)).as("older than the window: taken as seen").isFalse();
        assertThat(seen.firstTime("a", SeenMessages.WINDOW + 11)).isTrue();
    }
}
