package parley.client.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Reads the JSON bodies of {@code /user/queue/events} into {@link ChatEvent}s. {@code MessageReceived} and
 * {@code MessageEdited} are not read here: they become {@link ReceivedMessage}s, which the client must open first.
 */
public final class Events {

    private Events() {
    }

    public static boolean isMessage(JsonNode json) {
        return "MessageReceived".equals(json.path("type").asText());
    }

    /** {@code MessageEdited} carries an envelope too: read it with {@link ReceivedMessage#fromEditEvent} and open it. */
    public static boolean isEdit(JsonNode json) {
        return "MessageEdited".equals(json.path("type").asText());
    }

    /** @throws IllegalArgumentException for a known type that lacks a required field */
    /** {@code reason} since server 0.2; an older server only implied it by {@code removedBy == userId}. */
    private static boolean left(JsonNode json) {
        return json.has("reason") ? "LEFT".equals(json.path("reason").asText())
                : json.path("userId").asText("").equals(json.path("removedBy").asText(null));
    }

    public static ChatEvent parse(JsonNode json) {
        String type = json.path("type").asText();
        return switch (type) {
            case "ReceiptUpdated" -> new ChatEvent.ReceiptUpdated(text(json, "chatId"), text(json, "userId"),
                    json.path("deliveredUpToSeq").asLong(), json.path("readUpToSeq").asLong());
            case "MemberAdded" -> new ChatEvent.MemberAdded(text(json, "groupId"), text(json, "userId"),
                    text(json, "role"), json.path("addedBy").asText(null), json.path("joinedAtSeq").asLong());
            case "MemberRemoved" -> new ChatEvent.MemberRemoved(text(json, "groupId"), text(json, "userId"),
                    json.path("removedBy").asText(null), left(json));
            case "GroupRenamed" -> new ChatEvent.GroupRenamed(text(json, "groupId"), text(json, "name"),
                    json.path("renamedBy").asText(null));
            case "RoleChanged" -> new ChatEvent.RoleChanged(text(json, "groupId"), text(json, "userId"),
                    text(json, "role"), json.path("changedBy").asText(null));
            case "PresenceChanged" -> new ChatEvent.PresenceChanged(text(json, "userId"),
                    json.path("online").asBoolean(), instant(json, "lastSeenAt"));
            case "DeviceListChanged" -> new ChatEvent.DeviceListChanged(text(json, "userId"));
            case "Typing" -> new ChatEvent.Typing(text(json, "chatId"), text(json, "userId"), json.path("typing").asBoolean());
            case "MessageRedacted" -> new ChatEvent.MessageRedacted(text(json, "chatId"), json.path("seq").asLong(),
                    json.path("redactedBy").asText(null));
            default -> new ChatEvent.Unknown(type, json.toString());
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a " + json.path("type").asText() + " event without " + field);
        }
        return value.asText();
    }

    static Instant instant(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // ISO-8601 text as documented; seconds with a fraction if a server writes dates as numbers
        return value.isNumber() ? Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)) : Instant.parse(value.asText());
    }
}
