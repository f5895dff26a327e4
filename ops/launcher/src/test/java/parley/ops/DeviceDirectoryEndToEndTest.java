package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.device.DeviceDirectory;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** The key directory through the running platform: publish, list, rotate, revoke, push and safety numbers. */
@PlatformTest
class DeviceDirectoryEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String KEY_C = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";

    @Autowired
    DeviceDirectory deviceDirectory;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-devices");
    }

    @Test
    void devicesArePublishedListedRotatedAndRevoked() {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");

        ParleyHttp.Response laptop = publish(alice, "laptop", KEY_A, KEY_B);
        assertThat(laptop.status()).isEqualTo(201);
        assertThat(laptop.body().get("deviceId").asText()).isEqualTo("laptop");
        assertThat(laptop.body().get("agreementKey").asText()).isEqualTo(KEY_A);
        assertThat(laptop.body().get("signingKey").asText()).isEqualTo(KEY_B);
        String createdAt = laptop.body().get("createdAt").asText();
        assertThat(publish(alice, "phone", KEY_C, KEY_A).status()).isEqualTo(201);
        assertThat(awaitDevices(bob, alice, 2)).containsExactly("laptop " + KEY_A + " " + KEY_B, "phone " + KEY_C + " " + KEY_A);
        assertThat(http.get("/api/users/" + alice.userId() + "/devices", bob.accessToken()).body().get("devices").get(0)
                .get("createdAt").asText()).as("the same creation time on both sides").isEqualTo(createdAt);

        ParleyHttp.Response retry = publish(alice, "laptop", KEY_A, KEY_B);
        assertThat(retry.status()).as("the same keys again change nothing").isEqualTo(200);
        assertThat(retry.body().get("createdAt").asText()).isEqualTo(createdAt);
        ParleyHttp.Response rotated = publish(alice, "laptop", KEY_C, KEY_B);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("createdAt").asText()).as("a rotation keeps the creation time").isEqualTo(createdAt);
        await().atMost(WAIT).until(() -> devicesOf(bob, alice),
                devices -> devices.equals(List.of("laptop " + KEY_C + " " + KEY_B, "phone " + KEY_C + " " + KEY_A)));

        assertThat(http.delete("/api/devices/phone", alice.accessToken()).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> devicesOf(bob, alice), devices -> devices.equals(List.of("laptop " + KEY_C + " " + KEY_B)));
        assertProblem(http.delete("/api/devices/phone", alice.accessToken()), 404);
        assertProblem(publish(alice, "phone", KEY_A, KEY_B), 409);
        assertThat(deviceDirectory.currentDevices(alice.userId()))
                .extracting(DeviceDirectory.CurrentDevice::deviceId, DeviceDirectory.CurrentDevice::agreementKey)
                .as("the command side's view is current as soon as the command returns")
                .containsExactly(tuple("laptop", KEY_C));

        assertProblem(http.get("/api/users/" + UUID.randomUUID() + "/devices", bob.accessToken()), 404);
        assertThat(http.get("/api/users/" + alice.userId() + "/devices", null).status()).isEqualTo(401);
    }

    @Test
    void invalidKeysAndDeviceIdsAreProblemDetails() {
        TestUser alice = http.registerAndLogin("alice");

        ParleyHttp.Response shortKey = publish(alice, "laptop", "c2hvcnQ", KEY_B);
        assertProblem(shortKey, 400);
        assertThat(shortKey.body().get("errors").get(0).get("field").asText()).isEqualTo("agreementKey");
        assertProblem(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_A), alice.accessToken()), 400);
        assertProblem(publish(alice, "x".repeat(65), KEY_A, KEY_B), 400);
        assertProblem(publish(alice, "bad.id", KEY_A, KEY_B), 400);

        ParleyHttp.Response anonymous = http.put("/api/devices/laptop", Map.of("agreementKey", KEY_A, "signingKey", KEY_B), null);
        assertProblem(anonymous, 401);
        assertProblem(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_A, "signingKey", KEY_B),
                alice.accessToken() + "x"), 401);
        assertThat(awaitDevices(alice, alice, 0)).isEmpty();
    }

    @Test
    void aTokenOnlyEverChangesItsOwnUsersDevices() {
        TestUser alice = http.registerAndLogin("alice");
        TestUser mallory = http.registerAndLogin("mallory");
        assertThat(publish(alice, "laptop", KEY_A, KEY_B).status()).isEqualTo(201);
        awaitDevices(mallory, alice, 1);

        assertProblem(http.delete("/api/devices/laptop", mallory.accessToken()), 404);
        ParleyHttp.Response overPosted = http.put("/api/devices/laptop",
                Map.of("userId", alice.userId().toString(), "agreementKey", KEY_C, "signingKey", KEY_C), mallory.accessToken());
        assertProblem(overPosted, 400); // an unknown field is refused, not ignored
        assertThat(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_C, "signingKey", KEY_C), mallory.accessToken())
                .status()).as("a new device of mallory's, not a rotation of alice's").isEqualTo(201);
        awaitDevices(alice, mallory, 1);

        assertThat(devicesOf(mallory, alice)).containsExactly("laptop " + KEY_A + " " + KEY_B);
        assertThat(devicesOf(alice, mallory)).containsExactly("laptop " + KEY_C + " " + KEY_C);
        assertThat(deviceDirectory.currentDevices(alice.userId())).extracting(DeviceDirectory.CurrentDevice::signingKey)
                .as("the command side's own view").containsExactly(KEY_B);
    }

    @Test
    void chatContactsArePushedDeviceListChangedAndSafetyNumbersAgree() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        publish(bob, "bob-phone", KEY_C, KEY_A);

        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken());
                StompTestClient carolClient = StompTestClient.connect(wsUrl(), carol.accessToken())) {
            aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "m-1",
                    "envelope", Map.of("text", "hi bob")));
            assertThat(aliceClient.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");

            assertThat(publish(alice, "laptop", KEY_A, KEY_B).status()).isEqualTo(201);

            JsonNode changed = bobClient.nextEvent(WAIT, event -> "DeviceListChanged".equals(event.path("type").asText()));
            assertThat(changed).as("bob shares a chat with alice").isNotNull();
            assertThat(changed.get("userId").asText()).isEqualTo(alice.userId().toString());
            assertThat(aliceClient.nextEvent(WAIT, event -> "DeviceListChanged".equals(event.path("type").asText())))
                    .as("alice's own other sessions").isNotNull();
            assertThat(carolClient.nextEvent(Duration.ofSeconds(2), event -> "DeviceListChanged".equals(event.path("type").asText())))
                    .as("carol shares no chat with alice").isNull();
        }

        awaitDevices(bob, alice, 1);
        String fromAlice = safetyNumber(alice, bob);
        assertThat(fromAlice).matches("\\d{5}( \\d{5}){11}");
        assertThat(safetyNumber(bob, alice)).isEqualTo(fromAlice);

        publish(alice, "laptop", KEY_C, KEY_C);
        await().atMost(WAIT).until(() -> safetyNumber(bob, alice), number -> !number.equals(fromAlice));
        assertThat(safetyNumber(alice, bob)).isEqualTo(safetyNumber(bob, alice));
        assertProblem(http.get("/api/users/" + UUID.randomUUID() + "/safety-number", alice.accessToken()), 404);
    }

    private ParleyHttp.Response publish(TestUser user, String deviceId, String agreementKey, String signingKey) {
        return http.put("/api/devices/" + deviceId, Map.of("agreementKey", agreementKey, "signingKey", signingKey), user.accessToken());
    }

    private String safetyNumber(TestUser caller, TestUser peer) {
        JsonNode body = http.get("/api/users/" + peer.userId() + "/safety-number", caller.accessToken()).body();
        assertThat(body.get("userId").asText()).isEqualTo(caller.userId().toString());
        assertThat(body.get("peerId").asText()).isEqualTo(peer.userId().toString());
        return body.get("safetyNumber").asText();
    }

    /** Waits for the read side (fed asynchronously from Kafka) to list {@code count} devices. */
    private List<String> awaitDevices(TestUser reader, TestUser owner, int count) {
        return await().atMost(WAIT).until(() -> devicesOf(reader, owner), devices -> devices.size() == count);
    }

    /** "deviceId agreementKey signingKey" per current device, as another user reads them. */
    private List<String> devicesOf(TestUser reader, TestUser owner) {
        ParleyHttp.Response response = http.get("/api/users/" + owner.userId() + "/devices", reader.accessToken());
        if (response.status() == 404) {
            return List.of("user not projected yet");
        }
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("userId").asText()).isEqualTo(owner.userId().toString());
        List<String> devices = new ArrayList<>();
        response.body().get("devices").forEach(device -> devices.add(device.get("deviceId").asText() + " "
                + device.get("agreementKey").asText() + " " + device.get("signingKey").asText()));
        return devices;
    }

    private static void assertProblem(ParleyHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType().toString()).startsWith("application/problem+json");
    }
}
