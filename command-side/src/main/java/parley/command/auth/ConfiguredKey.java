package parley.command.auth;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing key a node is configured with: the production key from {@code parley.jwt.private-key},
 * or else a development key generated once into the key directory. It seeds the shared key table.
 */
final class ConfiguredKey {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredKey.class);
    private static final String KEY_FILE = "jwt-signing-key.json";

    private ConfiguredKey() {
    }

    static RSAKey load(JwtProperties properties) {
        return properties.hasPrivateKey()
                ? SigningKeys.parse(properties.privateKey())
                : loadOrGenerate(properties.keyDirectory().resolve(KEY_FILE));
    }

    private static RSAKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return SigningKeys.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = SigningKeys.generate();
            OwnerOnlyFiles.createDirectories(file.getParent());
            OwnerOnlyFiles.write(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            log.info("Generated a development JWT signing key in {}", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
