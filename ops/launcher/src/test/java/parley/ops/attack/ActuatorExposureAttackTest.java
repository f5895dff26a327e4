package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Issue 12, point 13: the actuator tells an outsider nothing but "up". Metrics, info, environment,
 * beans, heap dumps and the endpoint list are not exposed at all; Prometheus scraping answers only
 * the configured scraper (by address or HTTP Basic). Here the allowed range excludes the test's
 * loopback address, so the credentials are the only way in.
 */
@PlatformTest
@AutoConfigureObservability(tracing = false) // the Prometheus registry as it runs, not the tests' in-memory one
class ActuatorExposureAttackTest extends RunningPlatform {

    private static final String SCRAPE_PASSWORD = "scrape-secret-for-this-test";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "attack-actuator");
        registry.add("parley.actuator.scrape.allowed-addresses", () -> "10.0.0.0/8");
        registry.add("parley.actuator.scrape.username", () -> "prometheus");
        registry.add("parley.actuator.scrape.password", () -> SCRAPE_PASSWORD);
    }

    @Test
    void onlyHealthIsOpenAndItSaysNothingButTheStatus() {
        ParleyHttp.Response health = http.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().has("components")).as("no details of databases, brokers, disks").isFalse();
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void everyOtherEndpointIsNotThereEvenWithTheScrapeCredentials() {
        for (String endpoint : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info",
                "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump", "/actuator/threaddump",
                "/actuator/loggers", "/actuator/mappings", "/actuator/conditions", "/actuator/scheduledtasks", "/actuator/shutdown")) {
            assertThat(http.get(endpoint, null).status()).as(endpoint).isIn(401, 403, 404);
            assertThat(http.get(endpoint, null, basic("prometheus", SCRAPE_PASSWORD)).status()).as(endpoint + " as the scraper")
                    .isIn(401, 403, 404);
        }
        assertThat(http.post("/actuator/shutdown", "{}", null).status()).isIn(401, 403, 404, 405);
    }

    @Test
    void scrapingIsRefusedWithoutTheScrapersAddressOrCredentials() throws Exception {
        ParleyHttp.Response anonymous = http.get("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).hasToString("application/problem+json");
        assertThat(anonymous.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        assertThat(http.get("/actuator/prometheus", null, basic("prometheus", "guess")).status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", null, basic("admin", SCRAPE_PASSWORD)).status()).isEqualTo(401);
        HttpHeaders spoofed = new HttpHeaders();
        spoofed.add("X-Forwarded-For", "10.1.2.3");
        assertThat(http.get("/actuator/prometheus", null, spoofed).status())
                .as("a client cannot claim the scraper's address: it is not a trusted proxy").isEqualTo(401);
        for (String spelling : List.of("/actuator/prometheus/", "/actuator/%70rometheus", "/actuator//prometheus",
                "/actuator/./prometheus", "/actuator/prometheus;x=1", "/actuator/health/../prometheus")) {
            assertThat(http.get(spelling, null).status()).as(spelling).isIn(400, 401, 404);
        }

        // With the credentials the filter lets the request through to the real registry.
        HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                .header(HttpHeaders.AUTHORIZATION, basic("prometheus", SCRAPE_PASSWORD).getFirst(HttpHeaders.AUTHORIZATION)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("# TYPE parley_websocket_sessions gauge", "# TYPE jvm_memory_used_bytes gauge");
    }

    private static HttpHeaders basic(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
