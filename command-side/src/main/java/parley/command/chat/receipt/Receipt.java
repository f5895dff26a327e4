package parley.command.chat.receipt;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/** The body of {@code SEND /app/chat.delivered} and {@code /app/chat.read}. */
record Receipt(@NotNull UUID chatId, @NotNull @Min(1) Long upToSeq, @ClientId String clientCommandId) implements StompRequest {
}
