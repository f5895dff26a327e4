package parley.command.user;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.api.device.DeviceCommands.PublishDeviceKeys;
import parley.api.device.DeviceCommands.RevokeDevice;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.user.UserRegistered;
import parley.command.device.DeviceLimits;
import parley.command.device.PublishedDevice;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** The device rules of a user's aggregate. */
class UserDevicesTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-24T11:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T11:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final UUID USER = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final String AGREEMENT = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String SIGNING = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String NEW_AGREEMENT = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
    private static final int MAX_DEVICES = 2;

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new DeviceLimits(MAX_DEVICES, java.time.Duration.ofMinutes(5)));
    }

    @Test
    void aNewDeviceIsRegistered() {
        fixture.given(registered())
                .when(new PublishDeviceKeys(USER, "laptop-1", AGREEMENT, SIGNING))
                .expectEvents(new DeviceKeysPublished(USER, "laptop-1", AGREEMENT, SIGNING, NOW))
                .expectResultMessagePayload(new PublishedDevice("laptop-1", AGREEMENT, SIGNING, NOW, true));
    }

    @Test
    void publishingTheSameKeysAgainIsANoOp() {
        fixture.given(registered(), published("laptop-1", AGREEMENT))
                .when(new PublishDeviceKeys(USER, "laptop-1", AGREEMENT, SIGNING))
                .expectNoEvents()
                .expectResultMessagePayload(new PublishedDevice("laptop-1", AGREEMENT, SIGNING, EARLIER, false));
    }

    @Test
    void newKeysForAKnownDeviceAreARotationThatKeepsItsCreationTime() {
        fixture.given(registered(), published("laptop-1", AGREEMENT))
                .when(new PublishDeviceKeys(USER, "laptop-1", NEW_AGREEMENT, SIGNING))
                .expectEvents(new DeviceKeysPublished(USER, "laptop-1", NEW_AGREEMENT, SIGNING, NOW))
                .expectResultMessagePayload(new PublishedDevice("laptop-1", NEW_AGREEMENT, SIGNING, EARLIER, false));
    }

    @Test
    void aDeviceIdIsOneToSixtyFourUrlSafeCharacters() {
        for (String bad : new String[] {"", "a b", "ä", "x".repeat(65), "a/b", null}) {
            fixture.given(registered())
                    .when(new PublishDeviceKeys(USER, bad, AGREEMENT, SIGNING))
                    .expectException(CommandRejectedException.class)
                    .expectNoEvents();
        }
        fixture.given(registered())
                .when(new PublishDeviceKeys(USER, "A_z-09".repeat(10) + "abcd", AGREEMENT, SIGNING))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void keysMustBeThirtyTwoBytesOfUnpaddedBase64Url() {
        String[] bad = {"", "short", AGREEMENT + "A", AGREEMENT.substring(1), AGREEMENT.replace('_', '/'),
                "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo=", "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmp", null};
        for (String key : bad) {
            fixture.given(registered())
                    .when(new PublishDeviceKeys(USER, "laptop-1", key, SIGNING))
                    .expectException(CommandRejectedException.class)
                    .expectExceptionMessage("agreementKey must be the base64url (no padding) of a 32-byte public key");
            fixture.given(registered())
                    .when(new PublishDeviceKeys(USER, "laptop-1", AGREEMENT, key))
                    .expectException(CommandRejectedException.class)
                    .expectExceptionMessage("signingKey must be the base64url (no padding) of a 32-byte public key");
        }
    }

    @Test
    void aUserHasAtMostTheConfiguredNumberOfDevices() {
        fixture.given(registered(), published("one", AGREEMENT), published("two", AGREEMENT))
                .when(new PublishDeviceKeys(USER, "three", AGREEMENT, SIGNING))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a user has at most 2 devices; revoke one first");
    }

    @Test
    void aFullUserMayStillRotateAnExistingDevice() {
        fixture.given(registered(), published("one", AGREEMENT), published("two", AGREEMENT))
                .when(new PublishDeviceKeys(USER, "two", NEW_AGREEMENT, SIGNING))
                .expectEvents(new DeviceKeysPublished(USER, "two", NEW_AGREEMENT, SIGNING, NOW));
    }

    @Test
    void revokingADeviceFreesItsPlace() {
        fixture.given(registered(), published("one", AGREEMENT), published("two", AGREEMENT), revoked("one"))
                .when(new PublishDeviceKeys(USER, "three", AGREEMENT, SIGNING))
                .expectEvents(new DeviceKeysPublished(USER, "three", AGREEMENT, SIGNING, NOW));
    }

    @Test
    void aCurrentDeviceIsRevoked() {
        fixture.given(registered(), published("laptop-1", AGREEMENT))
                .when(new RevokeDevice(USER, "laptop-1"))
                .expectEvents(new DeviceRevoked(USER, "laptop-1", NOW));
    }

    @Test
    void revokingAnUnknownDeviceIsAnError() {
        fixture.given(registered())
                .when(new RevokeDevice(USER, "laptop-1"))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("no current device laptop-1");
    }

    @Test
    void revokingARevokedDeviceIsAnError() {
        fixture.given(registered(), published("laptop-1", AGREEMENT), revoked("laptop-1"))
                .when(new RevokeDevice(USER, "laptop-1"))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("no current device laptop-1");
    }

    @Test
    void aRevokedDeviceIdCannotBeRegisteredAgain() {
        fixture.given(registered(), published("laptop-1", AGREEMENT), revoked("laptop-1"))
                .when(new PublishDeviceKeys(USER, "laptop-1", AGREEMENT, SIGNING))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("device laptop-1 was revoked; use a new device id");
    }

    @Test
    void rejectionsCarryTheirCode() {
        fixture.given(registered())
                .when(new RevokeDevice(USER, "laptop-1"))
                .expectException(Matchers.predicate(exception -> exception instanceof CommandRejectedException rejected
                        && rejected.code() == RejectionCode.UNKNOWN_DEVICE));
        fixture.given(registered(), published("laptop-1", AGREEMENT), revoked("laptop-1"))
                .when(new PublishDeviceKeys(USER, "laptop-1", AGREEMENT, SIGNING))
                .expectException(Matchers.predicate(exception -> exception instanceof CommandRejectedException rejected
                        && rejected.code() == RejectionCode.DEVICE_REVOKED));
    }

    private static UserRegistered registered() {
        return new UserRegistered(USER, "alice", "Alice", REGISTERED);
    }

    private static DeviceKeysPublished published(String deviceId, String agreementKey) {
        return new DeviceKeysPublished(USER, deviceId, agreementKey, SIGNING, EARLIER);
    }

    private static DeviceRevoked revoked(String deviceId) {
        return new DeviceRevoked(USER, deviceId, EARLIER);
    }
}
