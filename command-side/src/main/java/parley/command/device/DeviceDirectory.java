package parley.command.device;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the command side's device view: a user's current devices and their public keys. */
@Component
public class DeviceDirectory {

    private final JdbcClient jdbc;

    DeviceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's current devices, oldest first. */
    public List<CurrentDevice> currentDevices(UUID userId) {
        return jdbc.sql("""
                SELECT device_id, agreement_key, signing_key, created_at FROM device_directory
                WHERE user_id = :user ORDER BY created_at, device_id""")
                .param("user", userId)
                .query((rs, n) -> new CurrentDevice(rs.getString("device_id"), rs.getString("agreement_key"),
                        rs.getString("signing_key"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The current devices of all these users, ordered by user and device id. */
    public List<UserDevice> currentDevicesOf(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT user_id, device_id, agreement_key, signing_key FROM device_directory
                WHERE user_id IN (:users) ORDER BY user_id, device_id""")
                .param("users", userIds)
                .query((rs, n) -> new UserDevice(rs.getObject("user_id", UUID.class), rs.getString("device_id"),
                        rs.getString("agreement_key"), rs.getString("signing_key")))
                .list();
    }

    public record UserDevice(UUID userId, String deviceId, String agreementKey, String signingKey) {
    }

    public record CurrentDevice(String deviceId, String agreementKey, String signingKey, Instant createdAt) {
    }
}
