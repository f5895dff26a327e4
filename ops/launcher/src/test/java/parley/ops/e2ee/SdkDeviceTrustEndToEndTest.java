package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parley.ops.e2ee.SdkUsers.waiting;
import static parley.ops.e2ee.SdkUsers.awaitDevices;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.client.crypto.DeviceIdentity;
import parley.client.events.ChatEvent;
import parley.client.keys.UntrustedDevicesException;
import parley.client.messages.Sent;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Issue 12, point 3: the SDK pins the devices of everyone it has seen and encrypts to a new device only after it
 * was announced ({@code DeviceListChanged}) and the directory confirms it, with a warning and a new safety number;
 * a device the server slips into its tables without an announcement (a malicious server) is never encrypted to.
 */
@PlatformTest
class SdkDeviceTrustEndToEndTest extends RunningPlatform {

    @TempDir
    Path keys;

    @Autowired
    JdbcClient jdbc;

    private SdkUsers users;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-sdk-trust");
        registry.add("parley.auth.cookies.secure", () -> "false");
        registry.add("parley.ratelimit.classes.ip.limit", () -> "3000");
    }

    @BeforeEach
    void users() {
        users = new SdkUsers(baseUrl(), keys);
    }

    @AfterEach
    void closeClients() {
        users.close();
    }

    @Test
    void anAnnouncedNewDeviceIsWarnedAboutGetsANewSafetyNumberAndIsEncryptedTo() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        awaitDevices(aliceLaptop, bob, 1);
        Sent first = aliceLaptop.client().sendPrivate(bob, "before bob's second device");
        assertThat(bobPhone.awaitText(first)).isEqualTo("before bob's second device");
        String before = aliceLaptop.client().safetyNumber(bob);
        assertThat(bobPhone.client().safetyNumber(alice)).as("both sides compute the same number").isEqualTo(before);

        SdkDevice bobLaptop = users.connect("bob", "laptop"); // enrolled right after its login, announced to alice

        ChatEvent.ContactDevicesChanged warning = (ChatEvent.ContactDevicesChanged) aliceLaptop.awaitEvent(event ->
                event instanceof ChatEvent.ContactDevicesChanged change && change.userId().equals(bob));
        assertThat(warning.added()).containsExactly("laptop");
        assertThat(warning.removed()).isEmpty();
        assertThat(warning.oldSafetyNumber()).isEqualTo(before);
        String after = warning.newSafetyNumber();
        assertThat(after).isNotEqualTo(before).isEqualTo(aliceLaptop.client().safetyNumber(bob));
        assertThat(aliceLaptop.client().api().get("/api/users/" + bob + "/safety-number").get("safetyNumber").asText())
                .as("the server's number for the same devices (one algorithm)").isEqualTo(after);
        waiting().untilAsserted(() -> assertThat(bobPhone.client().safetyNumber(alice))
                .as("bob's phone trusts its own new laptop after the announcement").isEqualTo(after));

        Sent second = aliceLaptop.client().sendPrivate(bob, "for both of bob's devices");
        assertThat(bobLaptop.awaitText(second)).isEqualTo("for both of bob's devices");
        assertThat(bobPhone.awaitText(second)).isEqualTo("for both of bob's devices");

        String groupId = aliceLaptop.client().createGroup("Pair " + users.run(), List.of(bob));
        assertThat(aliceLaptop.client().safetyNumbers(groupId)).as("per member in a group").isEqualTo(Map.of(bob, after));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = users.cli(output, errors, "", "--device", "laptop", "login", users.username("alice"), "safety-number", bob);
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("safety number with " + bob, after);
    }

    @Test
    void aDeviceTheServerAddsWithoutAnAnnouncementIsRefusedAndNothingIsSent() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        awaitDevices(aliceLaptop, bob, 1);
        Sent first = aliceLaptop.client().sendPrivate(bob, "before the server turned");
        assertThat(bobPhone.awaitText(first)).isEqualTo("before the server turned");
        String before = aliceLaptop.client().safetyNumber(bob);

        DeviceIdentity planted = plantDevice(bob, "planted"); // both sides' tables, no event, no push
        awaitDevices(aliceLaptop, bob, 2);

        assertThatThrownBy(() -> aliceLaptop.client().sendPrivate(bob, "only for bob"))
                .isInstanceOf(UntrustedDevicesException.class)
                .hasMessageContaining("planted")
                .satisfies(refused -> assertThat(((UntrustedDevicesException) refused).devices())
                        .singleElement().satisfies(device -> {
                            assertThat(device.deviceId()).isEqualTo("planted");
                            assertThat(device.agreementKey()).isEqualTo(planted.agreementPublicKeyBase64Url());
                        }));
        assertThat(storedSeqs(first.chatId())).as("nothing was stored, for anyone").containsExactly(1L);
        assertThat(aliceLaptop.client().safetyNumber(bob)).as("alice's number still covers only the announced devices")
                .isEqualTo(before);
        assertThat(aliceLaptop.client().api().get("/api/users/" + bob + "/safety-number").get("safetyNumber").asText())
                .as("while the server's own number already includes its device: compare the one your client shows")
                .isNotEqualTo(before);
        assertThat(aliceLaptop.events()).noneMatch(ChatEvent.ContactDevicesChanged.class::isInstance);
    }

    /** What a malicious server (or someone with its database) could do: a device row and no event about it. */
    private DeviceIdentity plantDevice(String userId, String deviceId) {
        DeviceIdentity identity = DeviceIdentity.generate();
        Map<String, Object> row = Map.of("user", UUID.fromString(userId), "device", deviceId,
                "agreement", identity.agreementPublicKeyBase64Url(), "signing", identity.signingPublicKeyBase64Url(),
                "at", java.sql.Timestamp.from(Instant.now()));
        jdbc.sql("""
                INSERT INTO device_directory (user_id, device_id, agreement_key, signing_key, created_at)
                VALUES (:user, :device, :agreement, :signing, :at)""").params(row).update();
        jdbc.sql("""
                INSERT INTO user_devices (user_id, device_id, agreement_key, signing_key, created_at, seq)
                VALUES (:user, :device, :agreement, :signing, :at, 1000000)""").params(row).update();
        return identity;
    }

    private List<Long> storedSeqs(String chatId) {
        return jdbc.sql("SELECT seq FROM messages WHERE chat_id = :chat ORDER BY seq")
                .param("chat", UUID.fromString(chatId)).query(Long.class).list();
    }
}
