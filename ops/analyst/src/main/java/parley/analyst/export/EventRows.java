package parley.analyst.export;

import java.util.Map;
import java.util.UUID;
import parley.analyst.EventPayloads;
import parley.analyst.StoredEvent;

/** Turns a stored event into its export row, through the current record (after upcasting). */
public final class EventRows {

    private final EventPayloads payloads;

    public EventRows(EventPayloads payloads) {
        this.payloads = payloads;
    }

    public ExportRow row(StoredEvent event) {
        // The fast paths of EventPayloads: no Axon message per event for rows at the current revision.
        PayloadFacts facts = PayloadFacts.of(payloads.payload(event));
        EnvelopeShape envelope = facts.envelope() == null ? null : EnvelopeShape.of(facts.envelope());
        Map<String, ?> metaData = payloads.metaData(event);
        return new ExportRow(event.position(), event.eventId(), event.time(), event.typeName(), event.revision(),
                event.aggregateType(), event.aggregateId(), event.aggregateSequence(),
                text(facts.chatId()), facts.chatType() == null ? null : facts.chatType().name(),
                text(facts.actor()), text(facts.subject()), event.payload().length,
                facts.seq(), text(facts.messageId()), facts.clientMessageId(), facts.role(), facts.joinedAtSeq(),
                facts.deliveredUpToSeq(), facts.readUpToSeq(), facts.deviceId(),
                envelope == null ? null : envelope.version(), envelope == null ? null : envelope.alg(),
                envelope == null ? null : envelope.senderDevice(), envelope == null ? null : envelope.recipients(),
                envelope == null ? null : envelope.size(),
                text(metaData.get("correlationId")), text(metaData.get("traceId")));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
