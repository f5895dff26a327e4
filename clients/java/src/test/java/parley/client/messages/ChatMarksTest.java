package parley.client.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatMarksTest {

    @Test
    void aMessageIsShownOncePerChatSeqAndMessageId() {
        ChatMarks marks = new ChatMarks();

        assertThat(marks.firstTime("a", 1, "m1")).isTrue();
        assertThat(marks.firstTime("a", 1, "m1")).isFalse();
        assertThat(marks.firstTime("b", 1, "m1")).as("another chat").isTrue();
        assertThat(marks.firstTime("a", 3, "m3")).isTrue();
        assertThat(marks.firstTime("a", 2, "m2")).as("a late one").isTrue();
        assertThat(marks.firstTime("a", 2, "forged")).as("another message claiming the same seq does not hide it").isTrue();
        assertThat(marks.shown("a")).isEqualTo(3);
    }

    @Test
    void onlyServerReadsMoveTheCatchUpMark() {
        ChatMarks marks = new ChatMarks();
        assertThat(marks.known("a")).isFalse();

        marks.firstTime("a", 1_000_000, "pushed");
        assertThat(marks.confirmed("a")).as("showing a message does not confirm it").isZero();

        marks.baseline("a", 10);
        assertThat(marks.known("a")).isTrue();
        assertThat(marks.confirmed("a")).isEqualTo(10);
        marks.confirm("a", 7);
        assertThat(marks.confirmed("a")).as("never backwards").isEqualTo(10);
    }

    @Test
    void onlyTheLastWindowOfSeqsIsRemembered() {
        ChatMarks marks = new ChatMarks();
        for (long seq = 1; seq <= ChatMarks.WINDOW + 10; seq++) {
            assertThat(marks.firstTime("a", seq, "m" + seq)).isTrue();
        }

        assertThat(marks.firstTime("a", 5, "m5")).as("older than the window: taken as seen").isFalse();
        assertThat(marks.firstTime("a", ChatMarks.WINDOW + 11, "next")).isTrue();
    }
}
