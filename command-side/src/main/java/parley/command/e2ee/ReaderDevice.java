package parley.command.e2ee;

import java.util.UUID;

/** A device that must be able to read a message: one entry of an envelope's {@code recipients}. */
public record ReaderDevice(UUID userId, String deviceId) {
}
