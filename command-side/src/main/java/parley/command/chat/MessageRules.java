package parley.command.chat;

import parley.api.Envelope;

/** The checks every message must pass, whatever kind of chat it goes to. */
public final class MessageRules {

    public static final int MAX_ENVELOPE_BYTES = 64 * 1024;
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 128;

    private MessageRules() {
    }

    public static void validate(String clientMessageId, Envelope envelope) {
        validateEnvelope(envelope);
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND,
                    "clientMessageId must be 1 to " + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
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
