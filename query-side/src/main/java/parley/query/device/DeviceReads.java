package parley.query.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.query.read.ReadDatabase;

@Component
class DeviceReads {

    private final JdbcClient jdbc;

    DeviceReads(ReadDatabase readDatabase) {
        this.jdbc = readDatabase.jdbc();
    }

    boolean userExists(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM parley_read.users WHERE user_id = :user)")
                .param("user", userId)
                .query(Boolean.class)
                .single();
    }

    /** The user's devices that are not revoked, oldest first. */
    List<Device> currentDevices(UUID userId) {
        return jdbc.sql("""
                SELECT device_id, agreement_key, signing_key, created_at FROM parley_read.user_devices
                WHERE user_id = :user AND revoked_at IS NULL
                ORDER BY created_at, device_id""")
                .param("user", userId)
                .query((rs, n) -> new Device(rs.getString("device_id"), rs.getString("agreement_key"),
                        rs.getString("signing_key"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    record Device(String deviceId, String agreementKey, String signingKey, Instant createdAt) {
    }
}
