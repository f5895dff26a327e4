package parley.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The REST half of the public protocol, as a client would use it. */
public final class ParleyHttp {

    private final RestClient http;

    public ParleyHttp(String baseUrl) {
        this(RestClient.builder().baseUrl(baseUrl));
    }

    /** Over HTTPS, trusting the server certificates {@code sslContext} trusts. */
    public ParleyHttp(String baseUrl, SSLContext sslContext) {
        this(RestClient.builder().baseUrl(baseUrl)
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder().sslContext(sslContext).build())));
    }

    private ParleyHttp(RestClient.Builder builder) {
        this.http = builder.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    public TestUser registerAndLogin(String usernamePrefix) {
        String username = usernamePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse battery";
        JsonNode registered = post("/api/auth/register",
                Map.of("username", username, "password", password, "displayName", usernamePrefix), null).body();
        JsonNode login = post("/api/auth/login", Map.of("username", username, "password", password), null).body();
        return new TestUser(UUID.fromString(registered.get("userId").asText()), username, login.get("accessToken").asText());
    }

    public Response post(String path, Object body, String token) {
        return post(path, body, token, new HttpHeaders());
    }

    /** With more request headers, e.g. what a proxy would add. */
    public Response post(String path, Object body, String token, HttpHeaders headers) {
        var request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).headers(h -> h.addAll(headers));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (body instanceof String raw) {
            request = request.body(raw);
        } else {
            request = request.body(body);
        }
        return request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                res.getHeaders().getContentType(), readJson(res.getBody()), res.getHeaders()));
    }

    public Response get(String path, String token) {
        return get(path, token, new HttpHeaders());
    }

    public Response get(String path, String token, HttpHeaders headers) {
        var request = http.get().uri(path).headers(h -> h.addAll(headers));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                res.getHeaders().getContentType(), readJson(res.getBody()), res.getHeaders()));
    }

    private static JsonNode readJson(java.io.InputStream body) throws java.io.IOException {
        byte[] bytes = body.readAllBytes();
        return bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
    }

    public record Response(int status, MediaType contentType, JsonNode body, HttpHeaders headers) {
    }
}
