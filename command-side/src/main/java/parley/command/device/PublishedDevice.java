package parley.command.device;

import java.time.Instant;

/**
 * What publishing a device's keys came to: the device as it now stands, and whether this call
 * registered it (rather than rotating its keys or repeating an earlier publication).
 */
public record PublishedDevice(String deviceId, String agreementKey, String signingKey, Instant createdAt, boolean registered) {
}
