package parley.projections.user;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.user.UserRegistered;
import parley.projections.dispatch.Projection;

@Component
class UserProjection implements Projection<UserRegistered> {

    private final JdbcClient jdbc;

    UserProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Class<UserRegistered> eventType() {
        return UserRegistered.class;
    }

    @Override
    public void apply(UserRegistered event, long sequence) {
        jdbc.sql("""
                INSERT INTO users (user_id, username, display_name, registered_at)
                VALUES (:id, :username, :displayName, :registeredAt)
                ON CONFLICT (user_id) DO NOTHING""")
                .param("id", event.userId())
                .param("username", event.username())
                .param("displayName", event.displayName())
                .param("registeredAt", Timestamp.from(event.registeredAt()))
                .update();
    }
}
