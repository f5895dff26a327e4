package parley.command.auth;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Checks a user name and password against the stored hash. */
@Component
class Credentials {

    /** Compared against when the user does not exist, so both failures take the same time. */
    private final String dummyHash;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    Credentials(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.dummyHash = passwordEncoder.encode("not-a-real-password");
    }

    Optional<UUID> verify(String username, String password) {
        Optional<StoredCredential> stored = jdbc
                .sql("SELECT user_id, password_hash FROM user_credentials WHERE username = :username")
                .param("username", username)
                .query((rs, n) -> new StoredCredential(rs.getObject("user_id", UUID.class), rs.getString("password_hash")))
                .optional();
        boolean matches = passwordEncoder.matches(password, stored.map(StoredCredential::hash).orElse(dummyHash));
        return matches ? stored.map(StoredCredential::userId) : Optional.empty();
    }

    Optional<String> usernameOf(UUID userId) {
        return jdbc.sql("SELECT username FROM user_credentials WHERE user_id = :id").param("id", userId).query(String.class).optional();
    }

    private record StoredCredential(UUID userId, String hash) {
    }
}
