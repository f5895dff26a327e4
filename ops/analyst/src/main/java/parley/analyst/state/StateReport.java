package parley.analyst.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import parley.api.EventJson;

/**
 * What {@code state} prints: the chat and its members as the read API names them
 * ({@code GET /api/groups/{id}}, {@code /api/chats}, {@code /api/chats/{id}/receipts}). The JSON
 * form is this record's, field for field; docs/analysts.md documents it.
 *
 * @param at the requested time, null for {@code --at-position} or now
 * @param atPosition the requested global index, null for {@code --at} or now
 * @param events how many stored events were replayed
 * @param lastPosition the global index of the last replayed event
 */
public record StateReport(UUID chatId, String type, String name, Instant at, Long atPosition, Instant createdAt,
                          int membersCount, long lastSeq, Instant lastActivityAt, long messages, long edits, long redactions,
                          List<MemberReport> members, long events, long lastPosition, Instant lastEventAt) {

    /** A member; {@code role} is null for a private chat's participants. */
    public record MemberReport(UUID userId, String role, long joinedAtSeq, Instant joinedAt, long deliveredUpToSeq,
                               long readUpToSeq) {
    }

    private static final ObjectMapper JSON = EventJson.objectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static StateReport of(ChatReplay.Result result, PointInTime bound) {
        ChatState state = result.state();
        List<MemberReport> members = state.membersInOrder().stream().map(member -> {
            ChatState.Watermarks marks = state.watermarksOf(member.userId());
            return new MemberReport(member.userId(), member.role() == null ? null : member.role().name(), member.joinedAtSeq(),
                    member.joinedAt(), marks.deliveredUpToSeq(), marks.readUpToSeq());
        }).toList();
        return new StateReport(state.chatId(), state.type().name(), state.name(), bound.time(), bound.position(),
                state.createdAt(), state.membersCount(), state.lastSeq(), state.lastActivityAt(), state.messages(), state.edits(),
                state.redactions(), members, result.events(), result.lastPosition(), result.lastEventAt());
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state as JSON", e);
        }
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        String moment = at != null ? "at " + at : atPosition != null ? "at position " + atPosition : "now";
        line(out, "%s chat %s%s, %s", type.toLowerCase(), chatId, name == null ? "" : " \"" + name + "\"", moment);
        line(out, "created        %s", createdAt);
        line(out, "members        %d", membersCount);
        line(out, "last seq       %d", lastSeq);
        line(out, "last activity  %s", lastActivityAt);
        line(out, "messages       %d sent, %d edits, %d redactions", messages, edits, redactions);
        line(out, "replayed       %,d events, up to position %d (%s)", events, lastPosition, lastEventAt);
        line(out, "");
        line(out, "%-36s  %-6s  %13s  %-27s  %9s  %9s", "USER", "ROLE", "JOINED AT SEQ", "JOINED AT", "DELIVERED", "READ");
        for (MemberReport member : members) {
            line(out, "%-36s  %-6s  %13d  %-27s  %9d  %9d", member.userId(), member.role() == null ? "-" : member.role(),
                    member.joinedAtSeq(), member.joinedAt(), member.deliveredUpToSeq(), member.readUpToSeq());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(format, values)).append(System.lineSeparator());
    }
}
