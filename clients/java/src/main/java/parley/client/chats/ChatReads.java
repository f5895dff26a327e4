package parley.client.chats;

import java.util.List;
import parley.client.events.ReceivedMessage;

/** The reads the inbox confirms pushed events with: the chat list and history pages. */
public interface ChatReads {

    List<ChatSummary> chats();

    /**
     * @throws parley.client.http.ApiException {@code 404} for a chat the caller is not in
     */
    List<ReceivedMessage> messages(String chatId, HistoryWindow window);
}
