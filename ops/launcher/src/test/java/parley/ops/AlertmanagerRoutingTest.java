package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.command.testing.MachineRequirements;

/**
 * The committed {@code ops/observability/alertmanager} configuration in a real Alertmanager (Debian's
 * binary, on a free loopback port, clustering off): each severity reaches its receivers, and an
 * instance that is down holds back the other alerts of that instance, not those of another node or
 * of the whole service. {@code amtool check-config} only shows that the file is well formed.
 */
class AlertmanagerRoutingTest {

    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Path CONFIG = Path.of("..", "observability", "alertmanager");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void severitiesReachTheirReceiversAndAnInstanceDownHoldsBackItsNodesOtherAlerts(@TempDir Path dir) throws Exception {
        MachineRequirements.require("AlertmanagerRoutingTest", Files.isExecutable(ALERTMANAGER) ? Optional.empty()
                : Optional.of(ALERTMANAGER + " (apt-get install prometheus-alertmanager)"));
        Path config = installConfig(dir);
        int port = freePort();
        Process alertmanager = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(base, alertmanager, dir.resolve("alertmanager.log"));
            post(base, List.of(
                    alert("ParleyInstanceDown", "critical", "parley-command-side", "cs-1:8080"),
                    alert("ParleyCircuitBreakerOpen", "warning", "parley-command-side", "cs-1:8080"),
                    alert("ParleyCircuitBreakerOpen", "warning", "parley-command-side", "cs-2:8080"),
                    alert("ParleyPublishLagGrowing", "critical", "parley-command-side", null)));

            Map<String, JsonNode> alerts = awaitAlerts(base, 4);

            assertThat(state(alerts, "ParleyInstanceDown cs-1:8080")).isEqualTo("active");
            assertThat(receivers(alerts, "ParleyInstanceDown cs-1:8080")).containsExactly("oncall-slack-and-email");
            assertThat(state(alerts, "ParleyCircuitBreakerOpen cs-1:8080")).as("held back by its node being down")
                    .isEqualTo("suppressed");
            assertThat(state(alerts, "ParleyCircuitBreakerOpen cs-2:8080")).as("another node's alert is not held back")
                    .isEqualTo("active");
            assertThat(receivers(alerts, "ParleyCircuitBreakerOpen cs-2:8080")).containsExactly("oncall-email");
            assertThat(state(alerts, "ParleyPublishLagGrowing -")).as("a service-wide alert names no instance")
                    .isEqualTo("active");
            assertThat(receivers(alerts, "ParleyPublishLagGrowing -")).containsExactly("oncall-slack-and-email");
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    /** The committed files, with the secret paths pointed at files made here instead of mounted ones. */
    private static Path installConfig(Path dir) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("slack-webhook-url"), "http://127.0.0.1:9/never-called\n");
        Files.writeString(secrets.resolve("smtp-password"), "not-a-secret\n");
        Path templates = Files.createDirectories(dir.resolve("templates"));
        try (Stream<Path> files = Files.list(CONFIG.resolve("templates"))) {
            for (Path template : files.toList()) {
                Files.copy(template, templates.resolve(template.getFileName().toString()));
            }
        }
        String committed = Files.readString(CONFIG.resolve("alertmanager.yml"));
        assertThat(committed).contains("/etc/alertmanager/secrets/");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, committed.replace("/etc/alertmanager/secrets/", secrets + "/"));
        return config;
    }

    private static Map<String, Object> alert(String name, String severity, String job, String instance) {
        Map<String, String> labels = new HashMap<>(Map.of("alertname", name, "severity", severity, "job", job));
        if (instance != null) {
            labels.put("instance", instance);
        }
        return Map.of("labels", labels, "annotations", Map.of("summary", name),
                "startsAt", Instant.now().toString());
    }

    private void awaitReady(URI base, Process alertmanager, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Waits.scaled(Duration.ofSeconds(30)));
        while (Instant.now().isBefore(deadline)) {
            if (!alertmanager.isAlive()) {
                throw new AssertionError("Alertmanager exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager not ready:\n" + Files.readString(log));
    }

    private void post(URI base, List<Map<String, Object>> alerts) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The alerts by "alertname instance", once all have been received and the inhibition has settled. */
    private Map<String, JsonNode> awaitAlerts(URI base, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Waits.scaled(Duration.ofSeconds(20)));
        Map<String, JsonNode> alerts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            alerts = new HashMap<>();
            String body = http.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode alert : JSON.readTree(body)) {
                JsonNode labels = alert.path("labels");
                alerts.put(labels.path("alertname").asText() + " " + labels.path("instance").asText("-"), alert);
            }
            boolean settled = alerts.values().stream().noneMatch(a -> a.path("status").path("state").asText().equals("unprocessed"));
            if (alerts.size() == expected && settled
                    && "suppressed".equals(state(alerts, "ParleyCircuitBreakerOpen cs-1:8080"))) {
                return alerts;
            }
            Thread.sleep(100);
        }
        return alerts; // the assertions say what differs
    }

    private static String state(Map<String, JsonNode> alerts, String key) {
        JsonNode alert = alerts.get(key);
        return alert == null ? "missing" : alert.path("status").path("state").asText();
    }

    private static List<String> receivers(Map<String, JsonNode> alerts, String key) {
        JsonNode alert = alerts.get(key);
        return alert == null ? List.of() : alert.path("receivers").findValuesAsText("name");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
