package parley.client.session;

import com.fasterxml.jackson.databind.JsonNode;

/** The server answered a command with {@code CommandRejected}; {@link #code()} is the protocol's code. */
public class CommandRejectedException extends RuntimeException {

    private final String code;
    private final transient JsonNode reply;

    public CommandRejectedException(JsonNode reply) {
        super(reply.path("code").asText() + ": " + reply.path("detail").asText());
        this.code = reply.path("code").asText();
        this.reply = reply;
    }

    public String code() {
        return code;
    }

    public JsonNode reply() {
        return reply;
    }
}
