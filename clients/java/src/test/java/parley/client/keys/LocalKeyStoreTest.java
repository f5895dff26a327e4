package parley.client.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.LocalDevice;

class LocalKeyStoreTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";

    @TempDir
    Path temp;

    @Test
    void aSavedIdentityLoadsWithTheSameKeys() {
        LocalKeyStore store = new LocalKeyStore(temp.resolve("keys"));
        LocalDevice saved = new LocalDevice(ALICE, "laptop", DeviceIdentity.generate());
        store.save(saved);

        LocalDevice loaded = new LocalKeyStore(temp.resolve("keys")).load(ALICE, "laptop").orElseThrow();

        assertThat(loaded.identity().agreementPublicKey()).isEqualTo(saved.identity().agreementPublicKey());
        assertThat(loaded.identity().signingPublicKey()).isEqualTo(saved.identity().signingPublicKey());
        assertThat(loaded.identity().exportSigningPrivateKey()).isEqualTo(saved.identity().exportSigningPrivateKey());
        assertThat(store.deviceIds(ALICE)).containsExactly("laptop");
        assertThat(store.load(ALICE, "phone")).isEmpty();
    }

    @Test
    void filesAreOwnerOnlyOnPosix() throws Exception {
        Path directory = temp.resolve("keys");
        new LocalKeyStore(directory).loadOrCreate(ALICE, "laptop");
        Path file = directory.resolve(ALICE + ".laptop.json");
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // nothing to check where there are no POSIX permissions
        }
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        assertThat(Files.readString(file)).contains("\"agreementPrivateKey\"").doesNotContain("=");
    }

    @Test
    void loadOrCreateKeepsTheFirstIdentity() {
        LocalKeyStore store = new LocalKeyStore(temp);
        LocalDevice first = store.loadOrCreate(ALICE, "phone");

        assertThat(store.loadOrCreate(ALICE, "phone").identity().signingPublicKey())
                .isEqualTo(first.identity().signingPublicKey());
        assertThat(store.loadOrCreate(ALICE, "tablet").identity().signingPublicKey())
                .isNotEqualTo(first.identity().signingPublicKey());
        assertThat(store.deviceIds(ALICE)).containsExactly("phone", "tablet");
    }

    @Test
    void idsThatCouldLeaveTheDirectoryAreRefused() {
        LocalKeyStore store = new LocalKeyStore(temp);

        assertThatThrownBy(() -> store.load(ALICE, "../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.load("../../" + ALICE.substring(6), "laptop")).isInstanceOf(IllegalArgumentException.class);
    }
}
