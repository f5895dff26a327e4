package parley.client.stomp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One STOMP 1.2 frame: a command, its headers in order (the first occurrence of a repeated header wins,
 * as the spec says) and a UTF-8 text body (Parley's bodies are JSON).
 */
public record StompFrame(String command, Map<String, String> headers, String body) {

    public StompFrame {
        Objects.requireNonNull(command, "command");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    public static StompFrame of(String command, Map<String, String> headers) {
        return new StompFrame(command, headers, "");
    }

    public String header(String name) {
        return headers.get(name);
    }
}
