package parley.api.cloudevents;

import java.util.Map;
import java.util.Optional;
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

    private ChatEventTypes() {
    }

    public static java.util.Set<String> all() {
        return TYPES.keySet();
    }

    public static Optional<Class<?>> payloadClass(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static Optional<String> typeOf(Class<?> payloadClass) {
        return TYPES.entrySet().stream()
                .filter(entry -> entry.getValue().equals(payloadClass))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
