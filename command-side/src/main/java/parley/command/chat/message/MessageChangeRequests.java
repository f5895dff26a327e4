package parley.command.chat.message;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import parley.api.Envelope;
import parley.command.chat.MessageRules;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/** The bodies of {@code SEND /app/chat.edit} and {@code /app/chat.redact}. */
final class MessageChangeRequests {

    private MessageChangeRequests() {
    }

    record EditMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @NotNull JsonNode envelope,
            @ClientId String clientCommandId) implements StompRequest {

        Envelope messageEnvelope() {
            return MessageRules.envelopeOf(envelope);
        }
    }

    record RedactMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @ClientId String clientCommandId)
            implements StompRequest {
    }
}
