package parley.command.device;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;

/**
 * Maintains {@code device_directory} in the transaction that stores the device events (a
 * subscribing processor), so the current devices are never behind the aggregates.
 */
@Component
@ProcessingGroup(DeviceDirectoryView.PROCESSING_GROUP)
class DeviceDirectoryView {

    static final String PROCESSING_GROUP = "device-directory-view";

    private final JdbcClient jdbc;

    DeviceDirectoryView(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rotation replaces the keys and keeps the time the device was first registered. */
    @EventHandler
    void on(DeviceKeysPublished event) {
        jdbc.sql("""
                INSERT INTO device_directory (user_id, device_id, agreement_key, signing_key, created_at)
                VALUES (:user, :device, :agreement, :signing, :at)
                ON CONFLICT (user_id, device_id) DO UPDATE
                SET agreement_key = EXCLUDED.agreement_key, signing_key = EXCLUDED.signing_key""")
                .param("user", event.userId())
                .param("device", event.deviceId())
                .param("agreement", event.agreementKey())
                .param("signing", event.signingKey())
                .param("at", Timestamp.from(event.publishedAt()))
                .update();
    }

    @EventHandler
    void on(DeviceRevoked event) {
        jdbc.sql("DELETE FROM device_directory WHERE user_id = :user AND device_id = :device")
                .param("user", event.userId()).param("device", event.deviceId()).update();
    }
}
