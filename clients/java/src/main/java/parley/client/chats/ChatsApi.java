package parley.client.chats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import parley.client.auth.AuthorizedApi;
import parley.client.events.ReceivedMessage;

/** The query side's reads this client needs: the chat list, group members and message history. */
public final class ChatsApi implements ChatReads {

    private static final int MEMBERS_PAGE = 500;

    private final AuthorizedApi api;

    public ChatsApi(AuthorizedApi api) {
        this.api = api;
    }

    /** {@code GET /api/chats}: the read side's chat list (it may lag an acknowledged send; see {@link ChatHead}). */
    public List<ChatSummary> chats() {
        List<ChatSummary> chats = new ArrayList<>();
        api.get("/api/chats").forEach(chat -> chats.add(ChatSummary.fromJson(chat)));
        return chats;
    }

    /** Every member's user id, following {@code nextCursor} through all pages. */
    public List<String> groupMembers(String groupId) {
        List<String> members = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/groups/" + groupId + "?limit=" + MEMBERS_PAGE
                    + (cursor == null ? "" : "&afterUserId=" + cursor));
            page.get("members").forEach(member -> members.add(member.get("userId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
        } while (cursor != null);
        return members;
    }

    /** One page, in the server's order (oldest first only for {@link HistoryWindow#after}). */
    @Override
    public List<ReceivedMessage> messages(String chatId, HistoryWindow window) {
        List<ReceivedMessage> messages = new ArrayList<>();
        api.get("/api/chats/" + chatId + "/messages" + window.query())
                .get("messages").forEach(message -> messages.add(ReceivedMessage.fromJson(message)));
        return messages;
    }
}
