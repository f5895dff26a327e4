package parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated development signing key is readable by its owner only, from the moment it exists. */
class ConfiguredKeyTest {

    @Test
    void theGeneratedKeyAndItsDirectoryAreOwnerOnlyAndTheKeyIsKept(@TempDir Path data) throws Exception {
        Path keys = data.resolve("keys");
        JwtProperties properties = new JwtProperties("parley", "parley", Duration.ofMinutes(15), keys, null, Duration.ofSeconds(30),
                Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(5));

        var generated = ConfiguredKey.load(properties);

        Path file = keys.resolve("jwt-signing-key.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(ConfiguredKey.load(properties).getKeyID()).as("loaded again, not regenerated").isEqualTo(generated.getKeyID());
    }
}
