package parley.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.client.ParleyClient;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.messages.Sent;
import parley.client.session.CommandRejectedException;
import parley.command.testing.PlatformProperties;
import parley.local.TestDatabase;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Issue 15: after real traffic through the Java SDK (logins, private and group sends, a rejected
 * command, reads over REST), a scrape of {@code /actuator/prometheus} from loopback holds every
 * agreed metric (docs/observability.md) and every metric a dashboard or rule under
 * {@code ops/observability/} names, and the command counts moved with the traffic.
 */
@PlatformTest
@AutoConfigureObservability(tracing = false) // Spring Boot's tests otherwise keep only an in-memory registry
class MetricsScrapeEndToEndTest extends RunningPlatform {

    private static final String PASSWORD = "correct horse battery";

    /** The names dashboards and alerts are built on (docs/observability.md); {@code up} is Prometheus's own. */
    static final List<String> AGREED = List.of(
            "parley_commands_total",
            "parley_delivery_latency_seconds_bucket", "parley_delivery_latency_seconds_count", "parley_delivery_latency_seconds_sum",
            "parley_delivery_lag_seconds_bucket", "parley_delivery_lag_seconds_count",
            "parley_websocket_sessions",
            "parley_command_handling_seconds_bucket", "parley_command_handling_seconds_count",
            "parley_eventstore_append_seconds_bucket", "parley_eventstore_append_seconds_count",
            "parley_publisher_lag_events",
            "parley_projection_lag_events",
            "parley_projection_lag_seconds",
            "parley_query_replica_lag_seconds",
            "parley_ratelimit_decisions_total",
            "resilience4j_circuitbreaker_state",
            "parley_projections_dead_lettered_total",
            "parley_overload_rejected_total",
            "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
            "jvm_memory_used_bytes", "jvm_gc_pause_seconds_count",
            "hikaricp_connections_active", "hikaricp_connections_pending", "process_cpu_usage");

    @TempDir
    Path keys;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase database = PlatformProperties.register(registry, "e2e-metrics");
        registry.add("parley.auth.cookies.secure", () -> "false");
        // The replica lag gauge exists per configured replica: the primary stands in for one (its lag is 0).
        registry.add("parley.query.replicas[0].name", () -> "self");
        registry.add("parley.query.replicas[0].url", database::jdbcUrl);
        registry.add("parley.publisher.lag-sample-interval", () -> "500ms");
        registry.add("parley.projections.lag-sample-interval", () -> "500ms");
    }

    @Test
    void aScrapeAfterTrafficHoldsEveryAgreedAndEveryDashboardMetric() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String aliceId = ParleyClient.builder(baseUrl()).register("alice-" + run, PASSWORD, "alice");
        String bobId = ParleyClient.builder(baseUrl()).register("bob-" + run, PASSWORD, "bob");
        String carolId = ParleyClient.builder(baseUrl()).register("carol-" + run, PASSWORD, "carol");
        List<ChatEvent> bobsEvents = new CopyOnWriteArrayList<>();
        String rejectionCode;
        int acknowledged = 0;
        try (ParleyClient alice = connect("alice-" + run, new CopyOnWriteArrayList<>());
                ParleyClient bob = connect("bob-" + run, bobsEvents);
                ParleyClient carol = connect("carol-" + run, new CopyOnWriteArrayList<>())) {
            waiting().until(() -> alice.devicesOf(bobId).size() == 1 && alice.devicesOf(carolId).size() == 1);

            List<Sent> privateSends = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                privateSends.add(alice.sendPrivate(bobId, "private " + i));
                acknowledged++;
            }
            String chatId = privateSends.get(0).chatId();
            waiting().until(() -> bobsEvents.stream().filter(ChatEvent.MessageDecrypted.class::isInstance).count() == 3);

            String groupId = alice.createGroup("metrics " + run, List.of(bobId, carolId));
            waiting().until(() -> bob.api().get("/api/groups/" + groupId) != null);
            alice.sendGroup(groupId, "hello group");
            acknowledged++;

            // Only the owner removes members: bob's attempt is refused with a code.
            AtomicReference<String> code = new AtomicReference<>();
            assertThatThrownBy(() -> bob.removeMember(groupId, aliceId)).isInstanceOfSatisfying(CommandRejectedException.class,
                    rejected -> code.set(rejected.code()));
            rejectionCode = code.get();

            // Reads over REST: history and the chat list, once projected.
            waiting().until(() -> bob.history(chatId, HistoryWindow.after(0, 10)).size() == 3);
            assertThat(alice.chats()).isNotEmpty();

            // The GC pause timer appears at the JVM's first collection after the registry bound: make sure there was one.
            System.gc();
            int acks = acknowledged;
            String rejected = rejectionCode;
            // The counts are made as the reply is sent, and the lag gauges are sampled in the background: poll.
            PrometheusExposition scrape = await().atMost(Waits.ASYNC).pollInterval(Duration.ofMillis(250))
                    .until(this::scrape, exposition -> exposition.sum("parley_commands_total", Map.of("outcome", "accepted")) >= acks
                            && exposition.sum("parley_commands_total", Map.of("outcome", "rejected", "code", rejected)) >= 1
                            // once everything is published and projected, both lags are measured and read 0
                            && caughtUp(exposition, "parley_publisher_lag_events")
                            && caughtUp(exposition, "parley_projection_lag_events")
                            && caughtUp(exposition, "parley_projection_lag_seconds"));

            // (a) every agreed name
            assertThat(AGREED).as("agreed metrics missing from the scrape").filteredOn(name -> !scrape.has(name)).isEmpty();
            // (b) every name a dashboard or rule refers to, whatever ops/observability/ holds now
            Map<String, Set<String>> referenced = PromQlMetricNames.in(repositoryRoot().resolve("ops/observability"));
            System.out.printf("ops/observability refers to %d metric names%n", referenced.size());
            Map<String, Set<String>> missing = new TreeMap<>(referenced);
            missing.keySet().removeIf(scrape::has);
            assertThat(missing).as("metrics that dashboards or rules name (with the files naming them) but no service exposes")
                    .isEmpty();

            // The values moved with the traffic.
            assertThat(scrape.sum("parley_commands_total", Map.of("destination", "private.send", "outcome", "accepted", "code", "none")))
                    .isGreaterThanOrEqualTo(3);
            assertThat(scrape.sum("parley_commands_total", Map.of("destination", "group.send", "outcome", "accepted")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(scrape.sum("parley_commands_total", Map.of("destination", "group.removeMember", "outcome", "rejected",
                    "code", rejected))).isEqualTo(1);
            assertThat(scrape.sum("parley_delivery_latency_seconds_count", Map.of("kind", "private"))).isGreaterThanOrEqualTo(3);
            assertThat(scrape.sum("parley_delivery_latency_seconds_count", Map.of("kind", "group"))).isGreaterThanOrEqualTo(1);
            assertThat(scrape.sum("parley_command_handling_seconds_count", Map.of("command", "SendPrivateMessage")))
                    .isGreaterThanOrEqualTo(3);
            assertThat(scrape.sum("parley_eventstore_append_seconds_count", Map.of())).isGreaterThanOrEqualTo(acks);
            assertThat(scrape.sum("parley_websocket_sessions", Map.of())).isGreaterThanOrEqualTo(3);
        }
    }

    private static boolean caughtUp(PrometheusExposition exposition, String name) {
        return !exposition.samples(name).isEmpty() && exposition.samples(name).stream().allMatch(sample -> sample.value() == 0);
    }

    private ParleyClient connect(String username, List<ChatEvent> events) {
        return ParleyClient.builder(baseUrl()).keyDirectory(keys).deviceId("laptop").listener(events::add).connect(username, PASSWORD);
    }

    private static ConditionFactory waiting() {
        return await().atMost(Waits.ASYNC).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(ApiException.class);
    }

    /** Over HTTP from loopback, the scraper's default address: no credentials. */
    private PrometheusExposition scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PrometheusExposition.parse(response.body());
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !(Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve("ops")))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return directory;
    }
}
