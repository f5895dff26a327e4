package parley.api.cloudevents;

import java.util.Map;
import java.util.Optional;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.user.UserRegistered;

/**
 * The CloudEvents {@code type} of every event published to Kafka, and the record it carries. The
 * type names are part of the public stream contract: never rename one.
 */
public final class ChatEventTypes {

    public static final String TOPIC = "parley.chat-events";

    private static final Map<String, Class<?>> TYPES = Map.of(
            "parley.user.UserRegistered.v1", UserRegistered.class,
            "parley.privatechat.PrivateChatStarted.v1", PrivateChatStarted.class,
            "parley.privatechat.PrivateMessageSent.v1", PrivateMessageSent.class);

    private ChatEventTypes() {
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
