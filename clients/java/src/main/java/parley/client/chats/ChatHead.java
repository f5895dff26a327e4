package parley.client.chats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the user's chats and its last seq as the server's command side holds it ({@code /app/session.heads}): written
 * with each message, so never behind an acknowledged send, where the chat list of the read side may be.
 */
public record ChatHead(String chatId, long lastSeq) {

    /** The heads of a {@code ChatHeads} reply. */
    public static List<ChatHead> fromReply(JsonNode reply) {
        if (!"ChatHeads".equals(reply.path("type").asText())) {
            throw new IllegalStateException("not a ChatHeads reply: " + reply.path("type").asText());
        }
        List<ChatHead> heads = new ArrayList<>();
        for (JsonNode head : reply.path("heads")) {
            heads.add(new ChatHead(head.get("chatId").asText(), head.get("lastSeq").asLong()));
        }
        return heads;
    }
}
