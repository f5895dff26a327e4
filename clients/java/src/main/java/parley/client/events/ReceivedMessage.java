package parley.client.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A message as the server delivers it, live ({@code MessageReceived}) or from history, before it is opened.
 *
 * @param clientMessageId the sender's id, part of the envelope's context; null from servers that do not send it
 * @param envelope        the envelope JSON as stored; null for a redacted message
 * @param edited          the envelope is an edit's, sealed under the context id {@code edit/<seq>} (docs/e2ee.md)
 */
public record ReceivedMessage(String chatId, long seq, String messageId, String senderId, String clientMessageId,
                              JsonNode envelope, Instant sentAt, boolean edited) {

    /** A {@code MessageReceived} event or a history entry (edited when it has an {@code editedAt}). */
    public static ReceivedMessage fromJson(JsonNode json) {
        return new ReceivedMessage(json.get("chatId").asText(), json.get("seq").asLong(), json.path("messageId").asText(null),
                json.get("senderId").asText(), json.path("clientMessageId").asText(null), envelope(json),
                Events.instant(json, "sentAt"), json.hasNonNull("editedAt"));
    }

    /** A {@code MessageEdited} event: only the sender edits, so the editor is the sender. */
    public static ReceivedMessage fromEditEvent(JsonNode json) {
        return new ReceivedMessage(json.get("chatId").asText(), json.get("seq").asLong(), null, json.get("editedBy").asText(),
                null, envelope(json), Events.instant(json, "editedAt"), true);
    }

    /** The same message with another envelope (e.g. to check that a modified one is refused). */
    public ReceivedMessage withEnvelope(JsonNode replacement) {
        return new ReceivedMessage(chatId, seq, messageId, senderId, clientMessageId, replacement, sentAt, edited);
    }

    /** The clientMessageId the envelope is bound to: the sender's, or {@code edit/<seq>} for an edit. */
    public String contextId() {
        return edited ? "edit/" + seq : clientMessageId;
    }

    private static JsonNode envelope(JsonNode json) {
        JsonNode envelope = json.get("envelope");
        return envelope == null || envelope.isNull() ? null : envelope;
    }
}
