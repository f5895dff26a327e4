package parley.client.chats;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of {@code GET /api/chats}. {@code peerId} is set for private chats only. */
public record ChatSummary(String chatId, String type, String peerId, String title, long lastSeq, long unreadCount) {

    static ChatSummary fromJson(JsonNode json) {
        return new ChatSummary(json.get("chatId").asText(), json.get("type").asText(), json.path("peerId").asText(null),
                json.path("title").asText(null), json.path("lastSeq").asLong(), json.path("unreadCount").asLong());
    }

    public boolean isGroup() {
        return "GROUP".equals(type);
    }
}
