package parley.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import parley.client.ParleyClient;
import parley.client.chats.ChatSummary;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.events.UndecryptableReason;
import parley.client.http.ApiException;
import parley.client.messages.PrivateChatIds;
import parley.client.messages.Sent;

/** {@code send} and {@code read}: one private-chat action, then exit (what a script or the README's first steps need). */
final class OneShot {

    static final int READ_LIMIT = 50;

    private final ParleyClient client;
    private final PrintStream out;
    private final PrintStream err;

    OneShot(ParleyClient client, PrintStream out, PrintStream err) {
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** Seals {@code text} for the peer's devices, sends it, and returns once the chat's history holds it. */
    void send(String peerId, String text) {
        Sent sent = client.sendPrivate(peerId, text);
        out.println("[" + sent.seq() + "] me: " + text);
        // History is projected asynchronously: wait (read-your-writes) so that a read right after this command,
        // by the peer or on another device, finds the message.
        if (!inHistory(sent)) {
            err.println("sent, but the chat's history does not show it yet; read it again in a moment");
        }
    }

    /** Prints the chat's latest messages, oldest first, decrypted for this device, and marks them read. */
    void read(String peerId) {
        String chatId = PrivateChatIds.of(client.userId(), peerId);
        String peerName = client.chats().stream().filter(chat -> chat.chatId().equals(chatId)).map(ChatSummary::title)
                .findFirst().orElse(null);
        List<ChatEvent> page = new ArrayList<>(client.history(chatId, HistoryWindow.latest(READ_LIMIT)));
        Collections.reverse(page); // the server pages newest first
        if (page.isEmpty()) {
            err.println("no messages with " + (peerName != null ? peerName : peerId) + " yet");
            return;
        }
        long newest = 0;
        for (ChatEvent message : page) {
            String line = format(message, chatId, peerName);
            if (line != null) {
                out.println(line);
            }
            newest = Math.max(newest, seqOf(message));
        }
        if (newest > 0) {
            client.markRead(chatId, newest);
        }
    }

    private String format(ChatEvent message, String chatId, String peerName) {
        if (message instanceof ChatEvent.MessageUndecryptable own && own.reason() == UndecryptableReason.SENT_BY_THIS_DEVICE) {
            // A device is not among its own recipients: only the user's other devices can open what it sent.
            return "[" + own.seq() + "] me: <sent from this device, which keeps no copy>";
        }
        return ParleyCli.ChatView.format(message, chatId, client.userId(), peerName);
    }

    private static long seqOf(ChatEvent message) {
        if (message instanceof ChatEvent.MessageDecrypted decrypted) {
            return decrypted.seq();
        }
        return message instanceof ChatEvent.MessageUndecryptable undecryptable ? undecryptable.seq() : 0;
    }

    private boolean inHistory(Sent sent) {
        try {
            JsonNode page = client.api().get("/api/chats/" + sent.chatId() + "/messages?afterSeq=" + (sent.seq() - 1)
                    + "&limit=1&minSeq=" + sent.seq());
            return page.path("messages").findValues("seq").stream().anyMatch(seq -> seq.asLong() == sent.seq());
        } catch (ApiException notYet) {
            return false;
        }
    }
}
