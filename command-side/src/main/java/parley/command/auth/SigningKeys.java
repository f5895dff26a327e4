package parley.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The RS256 key pair that signs access tokens, and its public half as a JWK set. */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String KEY_FILE = "jwt-signing-key.json";

    private final RSAKey signingKey;

    public SigningKeys(JwtProperties properties) {
        this.signingKey = properties.privateKey() != null && !properties.privateKey().isBlank()
                ? parse(properties.privateKey())
                : loadOrGenerate(properties.keyDirectory().resolve(KEY_FILE));
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    private static RSAKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
            restrictToOwner(file);
            log.info("Generated a development JWT signing key in {}", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the JWT signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            RSAKey key = RSAKey.parse(json);
            if (!key.isPrivate()) {
                throw new IllegalStateException("the JWT signing key must include its private part");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("the JWT signing key is not a valid RSA JWK", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("Cannot restrict permissions of {} on this file system", file);
        }
    }
}
