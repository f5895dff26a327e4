package parley.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The CDN and the global load balancer in {@code ops/edge-network} agree with what the regions serve:
 * every path the Ingresses route reaches the regions through the CDN uncached, the web client's files
 * come from the static bucket under the origin's own cache headers, the CDN's origin is the name both
 * regions' Ingresses answer to, and each region is health-checked on its own name at a path its
 * Ingress routes.
 */
class EdgeNetworkConfigTest {

    private static final Path EDGE = Path.of("..", "edge-network");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudFront's managed cache policies (ids are fixed by AWS). */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String USE_ORIGIN_CACHE_CONTROL_HEADERS = "83da9c7e-98b4-4e11-a168-04f0df8e2c65";
    private static final List<String> REGIONS = List.of("a", "b");

    @Test
    void everyRoutedPathPassesThroughTheCdnUncachedToTheRegions() throws IOException {
        JsonNode cdn = read("cdn-distribution.json");
        String regionsOrigin = originId(cdn, KustomizeOverlaysTest.GLOBAL_ORIGIN);

        for (String path : requestPaths()) {
            JsonNode behaviour = behaviourFor(cdn, path);
            assertThat(behaviour.path("TargetOriginId").asText()).as(path).isEqualTo(regionsOrigin);
            assertThat(behaviour.path("CachePolicyId").asText()).as(path + " is never cached").isEqualTo(CACHING_DISABLED);
            assertThat(behaviour.path("OriginRequestPolicyId").asText()).as(path + " forwards the viewer's headers").isNotBlank();
            assertThat(behaviour.path("ViewerProtocolPolicy").asText()).as(path).isEqualTo("https-only");
        }
        assertThat(items(behaviourFor(cdn, "/api/auth/login").path("AllowedMethods"))).as("writes pass").contains("POST", "DELETE");
    }

    @Test
    void theWebClientComesFromTheStaticOriginUnderItsOwnCacheHeaders() throws IOException {
        JsonNode cdn = read("cdn-distribution.json");
        for (String path : List.of("/", "/index.html", "/assets/index-bZ-fRqO6.js")) {
            JsonNode behaviour = behaviourFor(cdn, path);
            assertThat(behaviour.path("TargetOriginId").asText()).as(path).isEqualTo("web-static");
            // a year for /assets/ and revalidation for index.html come from the files' Cache-Control (publish-web-client)
            assertThat(behaviour.path("CachePolicyId").asText()).as(path).isEqualTo(USE_ORIGIN_CACHE_CONTROL_HEADERS);
        }
        String publish = Files.readString(EDGE.resolve("publish-web-client"));
        assertThat(publish).contains("--cache-control \"public, max-age=31536000, immutable\"").contains("--cache-control \"no-cache\"");
        assertThat(publish.indexOf("s3 sync \"$build/assets\"")).as("assets before the page that names them")
                .isLessThan(publish.indexOf("s3 cp \"$build/index.html\""));
    }

    @Test
    void theGlobalNameLeadsToEachRegionOnlyWhileItsHealthCheckPasses() throws IOException {
        JsonNode records = read("route53-origin-records.json");
        List<String> routedPaths = routedPaths();
        for (String region : REGIONS) {
            String regionalHost = "parley-" + region + ".example.com";
            assertThat(KustomizeOverlaysTest.hosts("overlays/region-" + region)).as("region " + region + " answers to")
                    .contains(KustomizeOverlaysTest.GLOBAL_ORIGIN, regionalHost);

            JsonNode check = read("health-check-region-" + region + ".json");
            assertThat(check.path("FullyQualifiedDomainName").asText()).isEqualTo(regionalHost);
            assertThat(check.path("Type").asText()).isEqualTo("HTTPS");
            String checked = check.path("ResourcePath").asText();
            assertThat(routedPaths).as("the health check's path is routed by the Ingress")
                    .anyMatch(p -> checked.equals(p) || checked.startsWith(p + "/"));

            JsonNode record = StreamSupport.stream(records.path("Changes").spliterator(), false)
                    .map(c -> c.path("ResourceRecordSet"))
                    .filter(r -> ("region-" + region).equals(r.path("SetIdentifier").asText())).findFirst().orElseThrow();
            assertThat(record.path("Name").asText()).isEqualTo(KustomizeOverlaysTest.GLOBAL_ORIGIN);
            assertThat(record.path("Region").asText()).as("latency routing").isNotBlank();
            assertThat(record.path("HealthCheckId").asText()).as("health-checked").isNotBlank();
            assertThat(record.path("ResourceRecords").get(0).path("Value").asText()).isEqualTo(regionalHost);
            assertThat(record.path("TTL").asInt()).as("a short TTL so failover reaches resolvers soon").isLessThanOrEqualTo(60);
        }
    }

    /** A request path for each Ingress path: the path itself when Exact, one below it when Prefix. */
    private static List<String> requestPaths() {
        List<String> paths = new ArrayList<>();
        for (Ingress ingress : RenderedManifests.of("overlays/region-a").all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(p ->
                    paths.add("Exact".equals(p.getPathType()) ? p.getPath() : p.getPath() + "/x")));
        }
        return paths.stream().distinct().toList();
    }

    /** The paths region A's Ingresses route (with pathType Exact or Prefix). */
    private static List<String> routedPaths() {
        List<String> paths = new ArrayList<>();
        for (Ingress ingress : RenderedManifests.of("overlays/region-a").all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(p -> paths.add(p.getPath())));
        }
        assertThat(paths).isNotEmpty();
        return paths.stream().distinct().toList();
    }

    /** CloudFront's choice: the first cache behaviour whose pattern matches, else the default. */
    private static JsonNode behaviourFor(JsonNode cdn, String path) {
        Optional<JsonNode> match = StreamSupport.stream(cdn.path("CacheBehaviors").path("Items").spliterator(), false)
                .filter(b -> matches(b.path("PathPattern").asText(), path)).findFirst();
        return match.orElse(cdn.path("DefaultCacheBehavior"));
    }

    /** CloudFront path patterns: {@code *} any characters, {@code ?} one; case-sensitive. */
    private static boolean matches(String pattern, String path) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return path.matches(regex.toString());
    }

    private static String originId(JsonNode cdn, String domain) {
        return StreamSupport.stream(cdn.path("Origins").path("Items").spliterator(), false)
                .filter(o -> domain.equals(o.path("DomainName").asText())).map(o -> o.path("Id").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no CDN origin for " + domain));
    }

    private static List<String> items(JsonNode node) {
        return StreamSupport.stream(node.path("Items").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(EDGE.resolve(file).toFile());
    }
}
