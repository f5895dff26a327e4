package parley.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over {@link HttpClient} against the current Parley base URL ({@link BaseUrls}): builds requests, reads JSON
 * answers, and turns error statuses into {@link ApiException}s. The client (and its cookie manager) is shared with
 * the WebSocket.
 */
public final class JsonHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final BaseUrls baseUrls;

    public JsonHttp(HttpClient client, URI baseUrl) {
        this(client, BaseUrls.of(baseUrl));
    }

    public JsonHttp(HttpClient client, BaseUrls baseUrls) {
        this.client = client;
        this.baseUrls = baseUrls;
    }

    /** Uses the next base URL from now on (REST and WebSocket alike); see {@link BaseUrls#next()}. */
    public URI moveToNextBaseUrl() {
        return baseUrls.next();
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String path) {
        return baseUrls.current().resolve(path);
    }

    /** The WebSocket address of the STOMP endpoint: {@code ws(s)://host:port/ws}. */
    public URI webSocketUri() {
        URI baseUrl = baseUrls.current();
        String scheme = baseUrl.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + baseUrl.getRawAuthority() + "/ws");
    }

    /** The answer whatever its status; {@code body} null sends no body. */
    public Response exchange(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(-1);
            return new Response(method + " " + path, response.statusCode(), read(response.body()), retryAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
        }
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /**
     * @param body              the parsed JSON answer, null if empty or not JSON
     * @param retryAfterSeconds the {@code Retry-After} of a 429, else -1
     */
    public record Response(String request, int status, JsonNode body, long retryAfterSeconds) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body of a successful answer, else an {@link ApiException} with the problem details. */
        public JsonNode orThrow() {
            if (!ok()) {
                throw new ApiException(request, status, body);
            }
            return body;
        }
    }
}
