package parley.api.cloudevents;

/**
 * A {@code parley.chat-events} record that is not an event this version can read: malformed JSON,
 * no CloudEvent, no type, or {@code data} that does not fit its (known) type. Trying it again
 * changes nothing: consumers set it aside (dead letter) or skip it.
 */
public final class UnreadableChatEventException extends RuntimeException {

    public UnreadableChatEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
