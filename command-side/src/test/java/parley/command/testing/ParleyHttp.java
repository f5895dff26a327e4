package parley.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The REST half of the public protocol, as a client would use it. */
public final class ParleyHttp {

    /** The password of every user {@link #registerAndLogin} creates. */
    public static final String PASSWORD = "correct horse battery";

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
        String password = PASSWORD;
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
        return withBody(HttpMethod.POST, path, body, token, headers);
    }

    public Response put(String path, Object body, String token) {
        return withBody(HttpMethod.PUT, path, body, token, new HttpHeaders());
    }

    public Response delete(String path, String token) {
        var request = http.delete().uri(path);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                res.getHeaders().getContentType(), readJson(res.getBody()), res.getHeaders()));
    }

    private Response withBody(HttpMethod method, String path, Object body, String token, HttpHeaders headers) {
        var request = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).headers(h -> h.addAll(headers));
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

    /**
     * Logs the user in again, keeping the answer's cookies, as a client without a cookie jar: it asks
     * for the refresh token in the body too ({@link #REFRESH_TOKEN_IN_BODY}).
     */
    public Exchange login(TestUser user) {
        return exchange("/api/auth/login", Map.of("username", user.username(), "password", PASSWORD), REFRESH_TOKEN_IN_BODY);
    }

    /** The header a non-browser client sends with a login to get the refresh token in the answer's body. */
    public static final Map<String, String> REFRESH_TOKEN_IN_BODY = Map.of("X-Parley-Refresh-Token", "body");

    /** Logs the user in as a browser does: the refresh token only in its HttpOnly cookie. */
    public Exchange browserLogin(TestUser user) {
        return exchange("/api/auth/login", Map.of("username", user.username(), "password", PASSWORD), Map.of());
    }

    /**
     * A POST with arbitrary headers (such as {@code Cookie} and {@code X-CSRF-Token}, as a browser
     * sends them) whose answer keeps its {@code Set-Cookie} headers; a null body sends none.
     */
    public Exchange exchange(String path, Object body, Map<String, String> headers) {
        var request = http.post().uri(path);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> new Exchange(res.getStatusCode().value(), res.getHeaders().getContentType(),
                readJson(res.getBody()), res.getHeaders().getOrEmpty(org.springframework.http.HttpHeaders.SET_COOKIE)));
    }

    private static JsonNode readJson(java.io.InputStream body) throws java.io.IOException {
        byte[] bytes = body.readAllBytes();
        return bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
    }

    public record Response(int status, MediaType contentType, JsonNode body, HttpHeaders headers) {
    }

    /** An answer with its {@code Set-Cookie} header lines. */
    public record Exchange(int status, MediaType contentType, JsonNode body, java.util.List<String> setCookies) {

        /** The whole {@code Set-Cookie} line of the cookie called {@code name}. */
        public String setCookie(String name) {
            return setCookies.stream().filter(line -> line.startsWith(name + "="))
                    .findFirst().orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + setCookies));
        }

        /** The value of the cookie called {@code name}. */
        public String cookie(String name) {
            String line = setCookie(name);
            int end = line.indexOf(';');
            return line.substring(name.length() + 1, end < 0 ? line.length() : end);
        }

        /** A {@code Cookie} request header carrying the named cookies, as the browser would send them back. */
        public String cookieHeader(String... names) {
            return java.util.Arrays.stream(names).map(name -> name + "=" + cookie(name))
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }
}
