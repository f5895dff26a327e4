package parley.command.device;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxPerUser the most current (not revoked) devices one user may have
 * @param freshAuthMaxAge how long after a password login its access tokens may enrol, rotate or
 *     revoke a device (the token's {@code auth_time}); a refresh does not renew it
 */
@ConfigurationProperties("parley.devices")
public record DeviceLimits(int maxPerUser, Duration freshAuthMaxAge) {
}
