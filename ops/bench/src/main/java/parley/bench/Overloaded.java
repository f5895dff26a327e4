package parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** A reply refusing a send with {@code OVERLOADED}: every load generator resends it after the server's wait. */
public final class Overloaded {

    private Overloaded() {
    }

    public static boolean is(JsonNode reply) {
        return "OVERLOADED".equals(reply.path("code").asText());
    }

    /** The server's {@code retryAfterMs} (1 s if missing), never under 100 ms. */
    public static long retryAfterMillis(JsonNode reply) {
        return Math.max(100, reply.path("retryAfterMs").asLong(1000));
    }
}
