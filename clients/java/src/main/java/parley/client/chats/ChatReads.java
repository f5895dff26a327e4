package parley.client.chats;

import java.util.List;
import parley.client.events.ReceivedMessage;

/** The read the inbox confirms pushed events with and catches up from: history pages. */
public interface ChatReads {

    /**
     * @throws parley.client.http.ApiException {@code 404} for a chat the caller is not in
     */
    List<ReceivedMessage> messages(String chatId, HistoryWindow window);
}
