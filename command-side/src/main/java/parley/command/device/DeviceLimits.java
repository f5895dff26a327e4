package parley.command.device;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param maxPerUser the most current (not revoked) devices one user may have */
@ConfigurationProperties("parley.devices")
public record DeviceLimits(int maxPerUser) {
}
