package parley.command.user;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers whether a user id belongs to a registered user, from the command side's own table. */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = :id)")
                .param("id", userId)
                .query(Boolean.class)
                .single();
    }
}
