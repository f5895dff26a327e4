package parley.api.cloudevents;

/**
 * A {@code parley.chat-events} record as {@link ChatEventCodec#decode} reads it. The envelope is the
 * record's as published: its {@code data} is in the revision it was written in.
 */
public sealed interface DecodedEvent {

    CloudEvent envelope();

    default String type() {
        return envelope().type();
    }

    /** An event of a type this version knows, its payload in the type's current revision. */
    record Known(CloudEvent envelope, Object payload) implements DecodedEvent {

        /** The event's sequence number in its aggregate; 0 if the publisher did not say. */
        public long sequence() {
            return envelope.sequence() == null ? 0 : envelope.sequence();
        }
    }

    /** An event of a type a newer release writes (a rolling upgrade): to be skipped and counted. */
    record UnknownType(CloudEvent envelope) implements DecodedEvent {
    }
}
