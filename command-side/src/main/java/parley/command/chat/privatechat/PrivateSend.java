package parley.command.chat.privatechat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import parley.api.Envelope;
import parley.command.chat.MessageRules;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/** The body of {@code SEND /app/private.send}. */
record PrivateSend(@NotNull UUID peerId, @NotBlank @ClientId String clientMessageId, @NotNull JsonNode envelope)
        implements StompRequest {

    Envelope messageEnvelope() {
        return MessageRules.envelopeOf(envelope);
    }
}
