package parley.command.auth;

import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import parley.api.Ids;
import parley.api.user.RegisterUser;
import parley.edge.text.PlainText;

/**
 * Registers a user: the credentials row (which enforces unique names) and the {@code UserRegistered}
 * event commit in one transaction, so neither exists without the other.
 */
@Service
public class Registration {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final CommandGateway commands;

    Registration(JdbcClient jdbc, PasswordEncoder passwordEncoder, CommandGateway commands) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.commands = commands;
    }

    @Transactional
    public UUID register(String username, String password, String displayName) {
        UUID userId = Ids.uuid7();
        try {
            jdbc.sql("INSERT INTO user_credentials (user_id, username, password_hash) VALUES (:id, :username, :hash)")
                    .param("id", userId)
                    .param("username", username)
                    .param("hash", passwordEncoder.encode(password))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException(username);
        }
        commands.sendAndWait(new RegisterUser(userId, username, PlainText.of(displayName)));
        return userId;
    }
}
