package parley.client.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.crypto.DeviceIdentity;
import parley.client.events.ChatEvent;

/**
 * Device pinning (issue 12, point 3; docs/e2ee.md): a directory that changes without an announcement changes
 * nothing this client encrypts to, an announcement confirmed by the directory does, with a warning and a new
 * safety number, and the pins survive a restart in an owner-only file.
 */
class TrustedDevicesTest {

    private static final String ALICE = "00000000-0000-7000-8000-00000000000a";
    private static final String BOB = "00000000-0000-7000-8000-00000000000b";

    @TempDir
    Path keys;

    private final Map<String, List<PublishedDevice>> server = new ConcurrentHashMap<>();
    private final List<ChatEvent.ContactDevicesChanged> changes = new ArrayList<>();
    private final PublishedDevice aliceLaptop = device(ALICE, "laptop");
    private final PublishedDevice bobPhone = device(BOB, "phone");

    @Test
    void aDeviceTheServerAddsWithoutAnAnnouncementIsNeverSealedTo() {
        server.put(BOB, List.of(bobPhone));
        TrustedDevices trusted = trusted();
        assertThat(trusted.devicesOf(BOB)).as("first sight: trust on first use").containsExactly(bobPhone);

        PublishedDevice planted = device(BOB, "planted");
        server.put(BOB, List.of(bobPhone, planted));

        assertThat(trusted.devicesOf(BOB)).as("a directory read alone changes no pin").containsExactly(bobPhone);
        assertThatThrownBy(() -> trusted.checkServerList(List.of(bobPhone, planted)))
                .isInstanceOf(UntrustedDevicesException.class)
                .hasMessageContaining("planted")
                .satisfies(e -> assertThat(((UntrustedDevicesException) e).devices()).containsExactly(planted));
        assertThat(changes).isEmpty();
    }

    @Test
    void aKnownDeviceIdWithOtherKeysIsNotTrusted() {
        server.put(BOB, List.of(bobPhone));
        TrustedDevices trusted = trusted();
        trusted.devicesOf(BOB);
        PublishedDevice substituted = device(BOB, "phone");

        assertThatThrownBy(() -> trusted.checkServerList(List.of(substituted))).isInstanceOf(UntrustedDevicesException.class);
        assertThat(trusted.checkServerList(List.of(bobPhone))).containsExactly(bobPhone);
    }

    @Test
    void anAnnouncedDeviceIsTrustedWithAWarningAndANewSafetyNumber() {
        server.put(BOB, List.of(bobPhone));
        server.put(ALICE, List.of(aliceLaptop));
        TrustedDevices trusted = trusted();
        String before = trusted.safetyNumber(BOB);
        PublishedDevice bobLaptop = device(BOB, "laptop");
        server.put(BOB, List.of(bobPhone, bobLaptop));

        trusted.announced(BOB);
        assertThat(trusted.verifyAnnouncement(BOB)).isTrue();

        assertThat(trusted.devicesOf(BOB)).containsExactlyInAnyOrder(bobPhone, bobLaptop);
        assertThat(trusted.checkServerList(List.of(bobPhone, bobLaptop))).hasSize(2);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.userId()).isEqualTo(BOB);
            assertThat(change.added()).containsExactly("laptop");
            assertThat(change.removed()).isEmpty();
            assertThat(change.oldSafetyNumber()).isEqualTo(before);
            assertThat(change.newSafetyNumber()).isEqualTo(trusted.safetyNumber(BOB)).isNotEqualTo(before);
        });
        assertThat(trusted.safetyNumber(BOB)).as("the number the server and the web client compute from the same keys")
                .isEqualTo(SafetyNumbers.of(new SafetyNumbers.Party(ALICE, List.of(aliceLaptop.signingKey())),
                        new SafetyNumbers.Party(BOB, List.of(bobPhone.signingKey(), bobLaptop.signingKey()))));
    }

    @Test
    void pinsSurviveARestartInAnOwnerOnlyFile() throws Exception {
        server.put(BOB, List.of(bobPhone));
        trusted().devicesOf(BOB);
        server.put(BOB, List.of(bobPhone, device(BOB, "planted")));

        TrustedDevices restarted = trusted();

        assertThat(restarted.devicesOf(BOB)).containsExactly(bobPhone);
        Path file = DevicePins.of(keys, ALICE, "laptop").file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    }

    @Test
    void anExplicitTrustAcceptsTheCurrentListAndSaysWhatChanged() {
        server.put(BOB, List.of(bobPhone));
        TrustedDevices trusted = trusted();
        trusted.devicesOf(BOB);
        PublishedDevice bobTablet = device(BOB, "tablet");
        server.put(BOB, List.of(bobTablet));

        assertThat(trusted.trustCurrent(BOB)).containsExactly(bobTablet);

        assertThat(trusted.checkServerList(List.of(bobTablet))).containsExactly(bobTablet);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.added()).containsExactly("tablet");
            assertThat(change.removed()).containsExactly("phone");
        });
    }

    @Test
    void aWaitForAUserTheDirectoryDoesNotListYetReadsItAHandfulOfTimes() {
        AtomicInteger reads = new AtomicInteger();
        TrustedDevices trusted = new TrustedDevices(userId -> {
            reads.incrementAndGet();
            return Optional.empty(); // 404: the read side has not caught up with Bob's registration
        }, DevicePins.of(keys, ALICE, "laptop"), aliceLaptop, Clock.systemUTC());

        assertThat(trusted.device(BOB, "phone")).isEmpty();

        assertThat(reads).as("directory reads in one %s wait (a read every 250 ms would be 13)",
                TrustedDevices.ANNOUNCEMENT_WAIT).hasValueBetween(2, 6);
    }

    private TrustedDevices trusted() {
        TrustedDevices trusted = new TrustedDevices(userId -> Optional.ofNullable(server.get(userId)),
                DevicePins.of(keys, ALICE, "laptop"), aliceLaptop, new FastClock());
        trusted.onChange(changes::add);
        return trusted;
    }

    private static PublishedDevice device(String userId, String deviceId) {
        DeviceIdentity identity = DeviceIdentity.generate();
        return new PublishedDevice(userId, deviceId, identity.agreementPublicKeyBase64Url(), identity.signingPublicKeyBase64Url());
    }

    /** A second passes on every reading, so waits for an announcement end after a few rounds instead of seconds. */
    private static final class FastClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
