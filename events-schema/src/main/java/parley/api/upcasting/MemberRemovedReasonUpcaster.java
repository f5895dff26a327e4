package parley.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import parley.api.group.MemberRemoved;

/**
 * {@link MemberRemoved} revision 1 to 2: adds {@code reason}, {@code LEFT} when {@code removedBy}
 * equals {@code userId} (the rule revision 1 implied), {@code REMOVED} otherwise. Rows written
 * before events carried revisions have none and are revision 1.
 */
public final class MemberRemovedReasonUpcaster extends SingleEventUpcaster {

    private static final String TYPE = MemberRemoved.class.getName();
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && (revision == null || "1".equals(revision));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, MemberRemovedReasonUpcaster::addReason);
    }

    /** Pure: the revision-2 form of a revision-1 payload, {@code reason} right after {@code userId}. */
    public static JsonNode addReason(JsonNode v1) {
        boolean left = Objects.equals(v1.path("userId").asText(null), v1.path("removedBy").asText(null));
        ObjectNode v2 = ((ObjectNode) v1).objectNode();
        v1.fields().forEachRemaining(field -> {
            v2.set(field.getKey(), field.getValue());
            if (field.getKey().equals("userId")) {
                v2.put("reason", (left ? MemberRemoved.Reason.LEFT : MemberRemoved.Reason.REMOVED).name());
            }
        });
        return v2;
    }
}
