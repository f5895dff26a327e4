package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.ops.e2ee.Sealing.WAIT;
import static parley.ops.e2ee.Sealing.devicesOf;
import static parley.ops.e2ee.Sealing.edit;
import static parley.ops.e2ee.Sealing.openFromHistory;
import static parley.ops.e2ee.Sealing.publish;
import static parley.ops.e2ee.Sealing.seal;
import static parley.ops.e2ee.Sealing.sealFor;
import static parley.ops.e2ee.Sealing.sendGroup;
import static parley.ops.e2ee.Sealing.sendPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.RecipientDevice;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.e2ee.Sealing.Device;
import parley.ops.e2ee.Sealing.Sealed;

/**
 * The server's checks of envelope v1 through the public protocol: a device added mid-conversation
 * makes the next send STALE_DEVICES with the current list, and the message sealed again for that
 * list is stored and opens on the new device; revoked and unknown devices, malformed envelopes and
 * strangers are refused, and nothing refused is stored.
 */

@PlatformTest
class EnvelopeChecksEndToEndTest extends RunningPlatform {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-envelopes");
    }

    @Test
    void aDeviceAddedMidConversationIsIncludedAfterTheSenderSealsAgain() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        Device aliceLaptop = publish(http, alice, "laptop");
        Device bobPhone = publish(http, bob, "phone");
        UUID chatId = Ids.privateChatId(alice.userId(), bob.userId());

        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            assertThat(sendPrivate(client, bob, seal(aliceLaptop, chatId, "m-1", "first", bobPhone))
                    .get("seq").asLong()).isEqualTo(1);

            Device bobTablet = publish(http, bob, "tablet");
            JsonNode stale = sendPrivate(client, bob, seal(aliceLaptop, chatId, "m-2", "second", bobPhone));
            assertThat(stale.get("code").asText()).isEqualTo("STALE_DEVICES");
            assertThat(stale.get("clientMessageId").asText()).isEqualTo("m-2");
            List<RecipientDevice> current = devicesOf(stale);
            assertThat(current).extracting(RecipientDevice::deviceId).containsExactly("phone", "tablet");
            assertThat(stale.get("devices").get(1).get("signingKey").asText())
                    .isEqualTo(bobTablet.identity().signingPublicKeyBase64Url());

            JsonNode accepted = sendPrivate(client, bob, sealFor(aliceLaptop, chatId, "m-2", "second", current));
            assertThat(accepted.get("seq").asLong()).as("the refused attempt stored nothing").isEqualTo(2);
            assertThat(openFromHistory(http, bobTablet, chatId, 2, aliceLaptop)).isEqualTo("second");
            assertThat(openFromHistory(http, bobPhone, chatId, 2, aliceLaptop)).isEqualTo("second");
        }
    }

    @Test
    void theSendersOtherDevicesRevokedDevicesAndUnknownSendersAreChecked() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        Device aliceLaptop = publish(http, alice, "laptop");
        Device bobPhone = publish(http, bob, "phone");
        Device bobTablet = publish(http, bob, "tablet");
        UUID chatId = Ids.privateChatId(alice.userId(), bob.userId());

        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            Device alicePhone = publish(http, alice, "phone");
            JsonNode ownDeviceMissing = sendPrivate(client, bob, seal(aliceLaptop, chatId, "m-1", "hi", bobPhone, bobTablet));
            assertThat(ownDeviceMissing.get("code").asText()).isEqualTo("STALE_DEVICES");
            assertThat(devicesOf(ownDeviceMissing)).extracting(RecipientDevice::userId)
                    .as("the sender's own other device is a reader").contains(alice.userId().toString());

            assertThat(http.delete("/api/devices/tablet", bob.accessToken()).status()).isEqualTo(204);
            JsonNode revoked = sendPrivate(client, bob, seal(aliceLaptop, chatId, "m-1", "hi", alicePhone, bobPhone, bobTablet));
            assertThat(revoked.get("code").asText()).isEqualTo("STALE_DEVICES");
            assertThat(devicesOf(revoked)).extracting(RecipientDevice::deviceId).containsExactlyInAnyOrder("phone", "phone");

            Device ghost = new Sealing.Device(alice, "ghost", DeviceIdentity.generate());
            assertThat(sendPrivate(client, bob, seal(ghost, chatId, "m-1", "hi", alicePhone, bobPhone))
                    .get("code").asText()).isEqualTo("UNKNOWN_DEVICE");

            Sealed malformed = seal(aliceLaptop, chatId, "m-1", "hi", alicePhone, bobPhone);
            malformed.envelope().put("nonce", "not base64!");
            JsonNode invalid = sendPrivate(client, bob, malformed);
            assertThat(invalid.get("code").asText()).isEqualTo("INVALID_ENVELOPE");
            assertThat(invalid.get("detail").asText()).contains("'nonce'");

            assertThat(sendPrivate(client, bob, seal(aliceLaptop, chatId, "m-1", "hi", alicePhone, bobPhone))
                    .get("seq").asLong()).as("only the correct envelope was stored").isEqualTo(1);
            JsonNode staleEdit = edit(client, 1, seal(aliceLaptop, chatId, "edit/1", "hi!", bobPhone));
            assertThat(staleEdit.get("code").asText()).as("edits are checked like sends").isEqualTo("STALE_DEVICES");
        }
    }

    @Test
    void aStrangerSendingToAGroupLearnsNothingAboutItsDevices() throws Exception {
        TestUser owner = http.registerAndLogin("owner");
        TestUser stranger = http.registerAndLogin("stranger");
        publish(http, owner, "laptop");
        Device strangerLaptop = publish(http, stranger, "laptop");
        try (StompTestClient ownerClient = StompTestClient.connect(wsUrl(), owner.accessToken());
             StompTestClient strangerClient = StompTestClient.connect(wsUrl(), stranger.accessToken())) {
            ownerClient.send("/app/group.create", Map.of("name", "Private circle", "clientCommandId", "g-1"));
            UUID groupId = UUID.fromString(ownerClient.nextReply(WAIT).get("groupId").asText());

            JsonNode reply = sendGroup(strangerClient, seal(strangerLaptop, groupId, "x-1", "let me in", strangerLaptop));

            assertThat(reply.get("code").asText()).isEqualTo("NOT_A_MEMBER");
            assertThat(reply.has("devices")).isFalse();
        }
    }
}
