package parley.projections.device;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;

/**
 * Idempotent writes to {@code user_devices}: a redelivered event, or an older rotation after a newer
 * one, leaves the row as it was. The first publication's time stays the device's creation time, and
 * a revocation is final (the command side never lets a revoked id be registered again).
 */
@Component
class DeviceTables {

    private final JdbcClient jdbc;

    DeviceTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void publish(DeviceKeysPublished event, long seq) {
        jdbc.sql("""
                INSERT INTO user_devices (user_id, device_id, agreement_key, signing_key, created_at, seq)
                VALUES (:user, :device, :agreement, :signing, :at, :seq)
                ON CONFLICT (user_id, device_id) DO UPDATE SET
                    created_at = LEAST(user_devices.created_at, EXCLUDED.created_at),
                    agreement_key = CASE WHEN EXCLUDED.seq > user_devices.seq
                        THEN EXCLUDED.agreement_key ELSE user_devices.agreement_key END,
                    signing_key = CASE WHEN EXCLUDED.seq > user_devices.seq
                        THEN EXCLUDED.signing_key ELSE user_devices.signing_key END,
                    seq = GREATEST(user_devices.seq, EXCLUDED.seq)""")
                .param("user", event.userId())
                .param("device", event.deviceId())
                .param("agreement", event.agreementKey())
                .param("signing", event.signingKey())
                .param("at", Timestamp.from(event.publishedAt()))
                .param("seq", seq)
                .update();
    }

    void revoke(DeviceRevoked event, long seq) {
        jdbc.sql("""
                UPDATE user_devices SET revoked_at = COALESCE(revoked_at, :at), seq = GREATEST(seq, :seq)
                WHERE user_id = :user AND device_id = :device""")
                .param("user", event.userId())
                .param("device", event.deviceId())
                .param("at", Timestamp.from(event.revokedAt()))
                .param("seq", seq)
                .update();
    }
}
