package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import parley.client.ParleyClient;
import parley.client.events.ChatEvent;
import parley.client.messages.Sent;

/** One connected SDK device of a test, with every event its listener received. */
record SdkDevice(ParleyClient client, List<ChatEvent> events) {

    String awaitText(Sent sent) {
        ChatEvent event;
        try {
            event = awaitEvent(candidate -> isMessage(candidate, sent));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(this + " never got " + sent.chatId() + "#" + sent.seq() + "; of that chat it saw "
                    + events.stream().filter(candidate -> candidate.toString().contains(sent.chatId())).toList(), e);
        }
        assertThat(event).as(client.deviceId() + " of " + client.userId() + " opens seq " + sent.seq())
                .isInstanceOf(ChatEvent.MessageDecrypted.class);
        return ((ChatEvent.MessageDecrypted) event).text();
    }

    ChatEvent awaitEvent(Predicate<ChatEvent> wanted) {
        return SdkUsers.waiting().until(() -> events.stream().filter(wanted).findFirst().orElse(null), found -> found != null);
    }

    List<ChatEvent.MessageDecrypted> decrypted(String chatId) {
        return events.stream().filter(ChatEvent.MessageDecrypted.class::isInstance).map(ChatEvent.MessageDecrypted.class::cast)
                .filter(message -> message.chatId().equals(chatId)).toList();
    }

    private static boolean isMessage(ChatEvent event, Sent sent) {
        if (event instanceof ChatEvent.MessageDecrypted message) {
            return message.chatId().equals(sent.chatId()) && message.seq() == sent.seq();
        }
        return event instanceof ChatEvent.MessageUndecryptable bad && bad.chatId().equals(sent.chatId())
                && bad.seq() == sent.seq();
    }

    @Override
    public String toString() {
        return client.deviceId() + "@" + client.userId();
    }
}
