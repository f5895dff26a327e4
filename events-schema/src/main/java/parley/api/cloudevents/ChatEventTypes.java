package parley.api.cloudevents;

import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.AnnotationRevisionResolver;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.receipt.ReceiptAdvanced;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.user.UserRegistered;

/**
 * The CloudEvents {@code type} of every event published to Kafka, and the record it carries. The
 * type names are part of the public stream contract: never rename one.
 */
public final class ChatEventTypes {

    public static final String TOPIC = "parley.chat-events";
    /**
     * The counter every consumer of the topic increments, tagged {@code consumer} and {@code type},
     * when it skips an event type it does not know (one a newer release writes, during a rolling
     * upgrade): skipped and counted, never dead-lettered, never retried.
     */
    public static final String UNKNOWN_TYPE_COUNTER = "parley.events.unknown.type";
    private static final java.util.regex.Pattern TAGGABLE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String SCHEMA_PREFIX = "urn:parley:schema:";
    private static final AnnotationRevisionResolver REVISIONS = new AnnotationRevisionResolver();

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("parley.user.UserRegistered.v1", UserRegistered.class),
            Map.entry("parley.privatechat.PrivateChatStarted.v1", PrivateChatStarted.class),
            Map.entry("parley.privatechat.PrivateMessageSent.v1", PrivateMessageSent.class),
            Map.entry("parley.group.GroupCreated.v1", GroupCreated.class),
            Map.entry("parley.group.GroupRenamed.v1", GroupRenamed.class),
            Map.entry("parley.group.MemberAdded.v1", MemberAdded.class),
            Map.entry("parley.group.MemberRemoved.v1", MemberRemoved.class),
            Map.entry("parley.group.RoleChanged.v1", RoleChanged.class),
            Map.entry("parley.group.GroupMessageSent.v1", GroupMessageSent.class),
            Map.entry("parley.receipt.ReceiptAdvanced.v1", ReceiptAdvanced.class),
            Map.entry("parley.message.MessageEdited.v1", MessageEdited.class),
            Map.entry("parley.message.MessageRedacted.v1", MessageRedacted.class),
            Map.entry("parley.device.DeviceKeysPublished.v1", DeviceKeysPublished.class),
            Map.entry("parley.device.DeviceRevoked.v1", DeviceRevoked.class));

    /** Computed once: the publisher looks up the type of every event it sends. */
    private static final Map<Class<?>, String> TYPE_OF = TYPES.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /** Computed once: the publisher names the schema of every record it sends. */
    private static final Map<String, String> DATA_SCHEMAS = TYPES.keySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(type -> type, type -> dataSchema(type, revision(type))));

    private ChatEventTypes() {
    }

    /**
     * The Axon {@code @Revision} of the type's payload, the revision its {@code data} has on the
     * topic (the publisher reads the store through the upcasters, so always the current one).
     */
    public static String revision(String type) {
        Class<?> payload = payloadClass(type).orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        String revision = REVISIONS.revisionOf(payload);
        if (revision == null) {
            throw new IllegalStateException(payload.getName() + " has no @Revision");
        }
        return revision;
    }

    /**
     * The CloudEvents {@code dataschema} of the type's current revision: the {@code $id} of its JSON
     * Schema, published as the resource {@link #schemaResource(String) schemaResource(dataschema)}.
     */
    public static String dataSchema(String type) {
        String dataSchema = DATA_SCHEMAS.get(type);
        if (dataSchema == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return dataSchema;
    }

    public static String dataSchema(String type, String revision) {
        return SCHEMA_PREFIX + type + ".rev" + revision;
    }

    /** The class-path resource that holds the JSON Schema a {@code dataschema} names. */
    public static String schemaResource(String dataSchema) {
        if (!dataSchema.startsWith(SCHEMA_PREFIX)) {
            throw new IllegalArgumentException("not a Parley dataschema: " + dataSchema);
        }
        return "schemas/" + dataSchema.substring(SCHEMA_PREFIX.length()) + ".schema.json";
    }

    /**
     * An unknown type as a metric tag or log field: the type itself if it looks like one (names of a
     * newer release's types are few), otherwise {@code invalid}, so a tag never takes arbitrary text.
     */
    public static String unknownTypeTag(String type) {
        return type != null && TAGGABLE.matcher(type).matches() ? type : "invalid";
    }

    public static java.util.Set<String> all() {
        return TYPES.keySet();
    }

    public static Optional<Class<?>> payloadClass(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static Optional<String> typeOf(Class<?> payloadClass) {
        return Optional.ofNullable(TYPE_OF.get(payloadClass));
    }
}
