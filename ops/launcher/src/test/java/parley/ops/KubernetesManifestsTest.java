package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The TLS and ingress wiring in {@code ops/k8s/base/edge}, file by file without a cluster: every document parses,
 * the Secret is a template without key material, and the Ingresses terminate TLS for the one host,
 * redirect plain HTTP and route each public path, and nothing else, to the right service.
 */
@SuppressWarnings("unchecked") // YAML documents are maps and lists of whatever they hold
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "k8s", "base", "edge");

    @Test
    void everyManifestIsAParleyObjectAndTheKustomizationListsThem() throws IOException {
        List<Map<String, Object>> documents = documents();

        assertThat(documents).extracting(d -> d.get("kind"))
                .containsExactlyInAnyOrder("ConfigMap", "Ingress", "Ingress", "NetworkPolicy", "NetworkPolicy", "Secret", "Service", "Service");
        assertThat(documents).allSatisfy(d -> {
            assertThat(d).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(d, "metadata")).containsEntry("namespace", "parley").containsKey("name");
        });
        Map<String, Object> kustomization = load(K8S.resolve("kustomization.yaml")).get(0);
        assertThat(list(kustomization, "resources")).containsExactlyInAnyOrder("ingress.yaml", "services.yaml",
                "edge-config.yaml", "network-policy.yaml");
    }

    @Test
    void theTlsSecretIsATemplateWithoutKeyMaterial() throws IOException {
        Map<String, Object> secret = ofKind("Secret").get(0);

        assertThat(secret).containsEntry("type", "kubernetes.io/tls");
        assertThat(map(secret, "metadata")).containsEntry("name", "parley-tls");
        assertThat(map(secret, "data")).containsOnlyKeys("tls.crt", "tls.key")
                .allSatisfy((key, value) -> assertThat((String) value).matches("\\$\\{[A-Z0-9_]+}"));
        for (Path file : files()) {
            assertThat(Files.readString(file)).doesNotContain("PRIVATE KEY-----").doesNotContain("BEGIN CERTIFICATE");
        }
    }

    @Test
    void theIngressesTerminateTlsRedirectPlainHttpAndRouteEachPublicPath() throws IOException {
        Map<String, String> routes = new HashMap<>();
        for (Map<String, Object> ingress : ofKind("Ingress")) {
            Map<String, Object> spec = map(ingress, "spec");
            assertThat(spec).containsEntry("ingressClassName", "nginx");
            assertThat(map(map(ingress, "metadata"), "annotations"))
                    .containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true")
                    .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
            Map<String, Object> tls = (Map<String, Object>) list(spec, "tls").get(0);
            assertThat(tls).containsEntry("secretName", "parley-tls");
            for (Object r : list(spec, "rules")) {
                Map<String, Object> rule = (Map<String, Object>) r;
                assertThat(list(tls, "hosts")).containsExactly(rule.get("host"));
                for (Object p : list(map(rule, "http"), "paths")) {
                    Map<String, Object> path = (Map<String, Object>) p;
                    Map<String, Object> service = map(map(path, "backend"), "service");
                    assertThat(map(service, "port")).containsEntry("name", "http");
                    routes.put((String) path.get("path"), (String) service.get("name"));
                }
            }
        }

        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/api/auth", "parley-command-side", "/.well-known", "parley-command-side", "/ws", "parley-command-side",
                "/api/chats", "parley-query-side", "/api/groups", "parley-query-side",
                "/api/devices", "parley-command-side", "/api/users", "parley-query-side"));
    }

    @Test
    void theWebSocketPathOutlivesQuietConnections() throws IOException {
        Map<String, Object> ws = ofKind("Ingress").stream()
                .filter(i -> "parley-ws".equals(map(i, "metadata").get("name"))).findFirst().orElseThrow();
        Map<String, Object> annotations = map(map(ws, "metadata"), "annotations");

        assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
    }

    @Test
    void theServicesBelieveForwardedHeadersThroughTomcat() throws IOException {
        assertThat(map(ofKind("ConfigMap").get(0), "data")).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
    }

    private static List<Map<String, Object>> ofKind(String kind) throws IOException {
        return documents().stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Path file : files()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                documents.addAll(load(file));
            }
        }
        return documents;
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.get(key);
    }
}
