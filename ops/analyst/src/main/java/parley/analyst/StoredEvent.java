package parley.analyst;

import java.time.Instant;

/**
 * One row of the event store as Axon's JDBC engine keeps it, before deserialisation.
 *
 * @param position the global index (gaps are possible: a rolled-back append leaves one)
 * @param revision the payload revision as stored, {@code null} for events written before revisions
 */
public record StoredEvent(long position, String eventId, String aggregateId, long aggregateSequence, String aggregateType,
                          Instant time, String payloadType, String revision, byte[] payload, byte[] metadata) {

    /** The payload type's simple name, e.g. {@code PrivateMessageSent}. */
    public String typeName() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
