package parley.client.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches replies on {@code /user/queue/replies} to the commands waiting for them by
 * {@code clientMessageId} / {@code clientCommandId}. A reply nobody waits for (a late one) is dropped.
 */
public final class Replies {

    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    /** Registers interest before the command is sent, so a fast reply is never missed. */
    public CompletableFuture<JsonNode> expect(String id) {
        return waiting.computeIfAbsent(id, ignored -> new CompletableFuture<>());
    }

    public void forget(String id) {
        waiting.remove(id);
    }

    public void received(JsonNode reply) {
        String id = reply.hasNonNull("clientMessageId") ? reply.get("clientMessageId").asText()
                : reply.path("clientCommandId").asText(null);
        if (id == null) {
            return;
        }
        CompletableFuture<JsonNode> future = waiting.remove(id);
        if (future != null) {
            future.complete(reply);
        }
    }
}
