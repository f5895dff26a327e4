package parley.client.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A recipient's (userId, deviceId): unique within an envelope, and the sort order of the signed
 * recipient list (unsigned byte order of the UTF-8 strings, which JavaScript can reproduce exactly).
 */
record RecipientKey(String userId, String deviceId) {

    static final Comparator<RecipientKey> ORDER = Comparator
            .comparing(RecipientKey::userId, RecipientKey::compareUtf8)
            .thenComparing(RecipientKey::deviceId, RecipientKey::compareUtf8);

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
