package parley.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/** The platform serves the web client without a token: index.html revalidated, fingerprinted assets kept a year. */
@PlatformTest
class WebClientStaticFilesTest extends RunningPlatform {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "web-static");
    }

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[A-Za-z0-9_.-]+-[A-Za-z0-9_-]{8}\\.(?:js|css))\"");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theIndexIsNeverCachedAndNamesFingerprintedScriptAndStyle() throws Exception {
        for (String path : List.of("/", "/index.html")) {
            HttpResponse<String> index = get(path, null);

            assertThat(index.statusCode()).as(path).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).isEqualToIgnoringCase("text/html;charset=UTF-8"));
            assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'").contains("style-src 'self'"));
            assertThat(assets(index.body())).as("assets named in " + path)
                    .anyMatch(asset -> asset.endsWith(".js")).anyMatch(asset -> asset.endsWith(".css"));
        }
    }

    @Test
    void theIndexHasNoInlineScriptOrStyleTheCspWouldBlock() throws Exception {
        String html = get("/", null).body();

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline <script>").isFalse();
        assertThat(html).doesNotContain("<style").doesNotContain(" style=").doesNotContain("javascript:");
    }

    @Test
    void aHeadRequestAnswersLikeTheGet() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anUnchangedIndexRevalidatesWithItsEtag() throws Exception {
        String etag = get("/", null).headers().firstValue("ETag").orElseThrow();

        assertThat(get("/", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void fingerprintedAssetsAreImmutableForAYear() throws Exception {
        for (String asset : assets(get("/", null).body())) {
            HttpResponse<String> response = get(asset, null);

            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(directives(response.headers().firstValue("Cache-Control").orElse("")))
                    .as(asset).containsExactlyInAnyOrder("public", "max-age=31536000", "immutable");
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith(asset.endsWith(".js") ? "text/javascript" : "text/css");
        }
    }

    @Test
    void anUnknownAssetIsNotFoundAndTheApiStillNeedsAToken() throws Exception {
        assertThat(get("/assets/index-00000000.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/chats", null).statusCode()).isEqualTo(401);
    }

    private List<String> assets(String html) {
        Matcher matcher = ASSET.matcher(html);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static Set<String> directives(String cacheControl) {
        return Arrays.stream(cacheControl.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
