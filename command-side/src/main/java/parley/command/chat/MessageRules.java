package parley.command.chat;

import com.fasterxml.jackson.databind.JsonNode;
import parley.api.Envelope;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.ids.ClientIds;

/** The checks every message must pass, whatever kind of chat it goes to. */
public final class MessageRules {

    public static final int MAX_ENVELOPE_BYTES = 64 * 1024;

    private MessageRules() {
    }

    /** A command's {@code envelope} field as an envelope: it must be a JSON object (what is inside is checked later). */
    public static Envelope envelopeOf(JsonNode node) {
        if (!node.isObject()) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "'envelope' must be a JSON object");
        }
        return Envelope.of(node);
    }

    public static void validate(String clientMessageId, Envelope envelope) {
        validateEnvelope(envelope);
        // Checked at the edge already; again here because the aggregate is the last word on what is stored.
        if (clientMessageId == null || clientMessageId.isBlank() || !ClientIds.isValid(clientMessageId)) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "'clientMessageId' " + ClientIds.DESCRIPTION);
        }
    }

    public static void validateEnvelope(Envelope envelope) {
        if (envelope == null) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "an envelope is required");
        }
        if (envelope.sizeInBytes() > MAX_ENVELOPE_BYTES) {
            throw new CommandRejectedException(RejectionCode.ENVELOPE_TOO_LARGE,
                    "envelope is larger than " + MAX_ENVELOPE_BYTES + " bytes");
        }
    }
}
