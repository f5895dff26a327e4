package parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import parley.client.events.ChatEvent;
import parley.client.events.UndecryptableReason;

class ChatViewTest {

    private static final String ME = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";

    private static ChatEvent.MessageDecrypted message(String chat, String sender, long seq, String text) {
        return new ChatEvent.MessageDecrypted(chat, seq, sender, "phone", text, "m", Instant.EPOCH, false);
    }

    @Test
    void messagesOfTheOpenChatPrintAsSeqSenderText() {
        assertThat(ParleyCli.ChatView.format(message("chat", BOB, 4, "hi"), "chat", ME, "Bob")).isEqualTo("[4] Bob: hi");
        assertThat(ParleyCli.ChatView.format(message("chat", ME, 5, "hello"), "chat", ME, "Bob")).isEqualTo("[5] me: hello");
        assertThat(ParleyCli.ChatView.format(message("chat", BOB, 6, "yo"), "chat", ME, null)).isEqualTo("[6] " + BOB + ": yo");
    }

    @Test
    void aChangeOfSomeonesDevicesIsAWarningWithTheNewSafetyNumber() {
        String line = ParleyCli.ChatView.format(new ChatEvent.ContactDevicesChanged(BOB, java.util.List.of("laptop"),
                java.util.List.of(), "11111 22222", "33333 44444"), "chat", ME, "Bob");
        assertThat(line).startsWith("! the devices of " + BOB + " changed").contains("[laptop]", "was 11111 22222",
                "now 33333 44444", "out of band");
        assertThat(ParleyCli.ChatView.format(new ChatEvent.ContactDevicesChanged(ME, java.util.List.of("tablet"),
                java.util.List.of(), null, null), "chat", ME, null)).contains("your own account", "someone else can now read");
    }

    @Test
    void otherChatsAndUnreadableMessagesAreNotices() {
        assertThat(ParleyCli.ChatView.format(message("other", BOB, 1, "psst"), "chat", ME, "Bob"))
                .isEqualTo("* new message in chat other").doesNotContain("psst");
        assertThat(ParleyCli.ChatView.format(new ChatEvent.MessageUndecryptable("chat", 7, BOB, UndecryptableReason.BAD_SIGNATURE,
                "x"), "chat", ME, "Bob")).isEqualTo("[7] " + BOB + ": <not readable: BAD_SIGNATURE>");
        assertThat(ParleyCli.ChatView.format(new ChatEvent.Typing("chat", BOB, true), "chat", ME, "Bob")).isNull();
    }
}
