package parley.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventsTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void eachDocumentedEventBecomesItsRecord() throws Exception {
        assertThat(Events.parse(read("{\"type\":\"ReceiptUpdated\",\"chatId\":\"c\",\"userId\":\"u\",\"deliveredUpToSeq\":5,\"readUpToSeq\":3}")))
                .isEqualTo(new ChatEvent.ReceiptUpdated("c", "u", 5, 3));
        assertThat(Events.parse(read("{\"type\":\"MemberAdded\",\"groupId\":\"g\",\"userId\":\"u\",\"role\":\"MEMBER\",\"addedBy\":\"o\",\"joinedAtSeq\":7,\"addedAt\":\"2026-01-01T00:00:00Z\"}")))
                .isEqualTo(new ChatEvent.MemberAdded("g", "u", "MEMBER", "o", 7));
        assertThat(Events.parse(read("{\"type\":\"MemberRemoved\",\"groupId\":\"g\",\"userId\":\"u\",\"reason\":\"REMOVED\",\"removedBy\":\"o\",\"removedAt\":\"2026-01-01T00:00:00Z\"}")))
                .isEqualTo(new ChatEvent.MemberRemoved("g", "u", "o", false));
        assertThat(Events.parse(read("{\"type\":\"MemberRemoved\",\"groupId\":\"g\",\"userId\":\"u\",\"reason\":\"LEFT\",\"removedBy\":\"u\",\"removedAt\":\"2026-01-01T00:00:00Z\"}")))
                .isEqualTo(new ChatEvent.MemberRemoved("g", "u", "u", true));
        assertThat(Events.parse(read("{\"type\":\"MemberRemoved\",\"groupId\":\"g\",\"userId\":\"u\",\"removedBy\":\"u\",\"removedAt\":\"2026-01-01T00:00:00Z\"}")))
                .as("from a server before 0.2").isEqualTo(new ChatEvent.MemberRemoved("g", "u", "u", true));
        assertThat(Events.parse(read("{\"type\":\"DeviceListChanged\",\"userId\":\"u\"}")))
                .isEqualTo(new ChatEvent.DeviceListChanged("u"));
        assertThat(Events.parse(read("{\"type\":\"PresenceChanged\",\"userId\":\"u\",\"online\":false,\"lastSeenAt\":\"2026-11-26T09:00:00Z\"}")))
                .isEqualTo(new ChatEvent.PresenceChanged("u", false, Instant.parse("2026-11-26T09:00:00Z")));
        assertThat(Events.parse(read("{\"type\":\"Typing\",\"chatId\":\"c\",\"userId\":\"u\",\"typing\":true}")))
                .isEqualTo(new ChatEvent.Typing("c", "u", true));
        assertThat(Events.parse(read("{\"type\":\"GroupRenamed\",\"groupId\":\"g\",\"name\":\"N\",\"renamedBy\":\"o\"}")))
                .isEqualTo(new ChatEvent.GroupRenamed("g", "N", "o"));
        assertThat(Events.parse(read("{\"type\":\"RoleChanged\",\"groupId\":\"g\",\"userId\":\"u\",\"role\":\"ADMIN\",\"changedBy\":\"o\"}")))
                .isEqualTo(new ChatEvent.RoleChanged("g", "u", "ADMIN", "o"));
        assertThat(Events.parse(read("{\"type\":\"MessageRedacted\",\"chatId\":\"c\",\"chatType\":\"GROUP\",\"seq\":2,\"redactedBy\":\"o\"}")))
                .isEqualTo(new ChatEvent.MessageRedacted("c", 2, "o"));
    }

    @Test
    void anEditIsReadAsAMessageBoundToItsEditContext() throws Exception {
        JsonNode edit = read("""
                {"type":"MessageEdited","chatId":"c","chatType":"GROUP","seq":7,"editedBy":"u","envelope":{"v":1},
                 "editedAt":"2026-11-26T10:00:00Z"}""");

        assertThat(Events.isEdit(edit)).isTrue();
        ReceivedMessage message = ReceivedMessage.fromEditEvent(edit);
        assertThat(message.senderId()).isEqualTo("u");
        assertThat(message.edited()).isTrue();
        assertThat(message.contextId()).isEqualTo("edit/7");
        ReceivedMessage editedInHistory = ReceivedMessage.fromJson(read("""
                {"chatId":"c","seq":7,"senderId":"u","clientMessageId":"m","envelope":{},"editedAt":"2026-11-26T10:00:00Z"}"""));
        assertThat(editedInHistory.contextId()).as("history of an edited message").isEqualTo("edit/7");
    }

    @Test
    void anUnknownTypeIsKeptNotDropped() throws Exception {
        ChatEvent event = Events.parse(read("{\"type\":\"SomethingNew\",\"x\":1}"));

        assertThat(event).isInstanceOfSatisfying(ChatEvent.Unknown.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("SomethingNew");
            assertThat(unknown.json()).contains("\"x\":1");
        });
    }

    @Test
    void aKnownEventWithoutARequiredFieldIsRefused() {
        assertThatThrownBy(() -> Events.parse(read("{\"type\":\"DeviceListChanged\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
    }

    @Test
    void aReceivedMessageKeepsItsContextAndEnvelope() throws Exception {
        JsonNode live = read("""
                {"type":"MessageReceived","chatId":"c","chatType":"PRIVATE","messageId":"m","seq":3,"senderId":"s",
                 "clientMessageId":"cm-1","envelope":{"v":1},"sentAt":"2026-11-26T09:00:00Z"}""");

        assertThat(Events.isMessage(live)).isTrue();
        ReceivedMessage message = ReceivedMessage.fromJson(live);
        assertThat(message.clientMessageId()).isEqualTo("cm-1");
        assertThat(message.envelope().get("v").asInt()).isEqualTo(1);
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(message.contextId()).isEqualTo("cm-1");
        ReceivedMessage redacted = ReceivedMessage.fromJson(read(
                "{\"chatId\":\"c\",\"seq\":4,\"senderId\":\"s\",\"envelope\":null,\"sentAt\":\"2026-11-26T09:00:00Z\",\"redacted\":true}"));
        assertThat(redacted.envelope()).isNull();
        assertThat(redacted.clientMessageId()).isNull();
    }
}
