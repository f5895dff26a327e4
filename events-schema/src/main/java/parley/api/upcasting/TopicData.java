package parley.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.group.MemberRemoved;

/**
 * The same upcasting for the Kafka topic that {@link parley.api.EventJson#upcasters()} does for the
 * event store. Rows in the store are upcast by Axon as they are read, so this release publishes only
 * current revisions; but during a rolling upgrade a node of the previous release still publishes
 * its revisions, and they must read here too. The revision of a record's {@code data} is named by its
 * {@code dataschema}; a record without one was published before revisions existed: revision 1.
 */
public final class TopicData {

    private static final String MEMBER_REMOVED = ChatEventTypes.typeOf(MemberRemoved.class).orElseThrow();

    private TopicData() {
    }

    /** The event's {@code data} in its type's current revision. */
    public static JsonNode current(CloudEvent event) {
        if (MEMBER_REMOVED.equals(event.type()) && revisionOne(event) && event.data() != null && event.data().isObject()
                && !event.data().has("reason")) {
            return MemberRemovedReasonUpcaster.addReason(event.data());
        }
        return event.data();
    }

    private static boolean revisionOne(CloudEvent event) {
        return event.dataschema() == null || event.dataschema().equals(ChatEventTypes.dataSchema(event.type(), "1"));
    }
}
