package parley.command.device;

import java.util.Base64;
import java.util.regex.Pattern;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * The shape of a device id and of its public keys, checked by the aggregate (the final word) and
 * mirrored by the REST body's Bean Validation (an early, field-level answer).
 */
public final class DeviceRules {

    /** 1 to 64 characters that are safe in a URL path segment without escaping. */
    public static final String DEVICE_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    /** base64url without padding of 32 bytes is exactly 43 characters. */
    public static final String KEY_PATTERN = "[A-Za-z0-9_-]{43}";
    static final int KEY_BYTES = 32;

    private static final Pattern DEVICE_ID = Pattern.compile(DEVICE_ID_PATTERN);

    private DeviceRules() {
    }

    public static String validDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "a device id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
        }
        return deviceId;
    }

    /**
     * The raw public key must be 32 bytes, written as canonical base64url without padding (WebCrypto's
     * raw export): one key has one spelling, so the same key again is recognised as a retry and the
     * safety number does not change with the spelling.
     */
    public static String validKey(String name, String key) {
        if (key == null || !isCanonicalKey(key)) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND,
                    name + " must be the base64url (no padding) of a 32-byte public key");
        }
        return key;
    }

    private static boolean isCanonicalKey(String key) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(key);
            return raw.length == KEY_BYTES && Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
