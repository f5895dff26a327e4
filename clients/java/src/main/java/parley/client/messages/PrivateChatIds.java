package parley.client.messages;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of the private chat of two users, computed as the server does (docs/protocol.md, {@code private.send}):
 * a name-based (MD5, version 3) UUID of {@code parley:private-chat:<low>:<high>}. A client needs it before the
 * first message, because the envelope is bound to the chat id.
 */
public final class PrivateChatIds {

    private PrivateChatIds() {
    }

    public static String of(String userA, String userB) {
        UUID a = UUID.fromString(userA);
        UUID b = UUID.fromString(userB);
        if (a.equals(b)) {
            throw new IllegalArgumentException("a private chat needs two different users");
        }
        boolean aIsLow = compare(a, b) < 0;
        UUID low = aIsLow ? a : b;
        UUID high = aIsLow ? b : a;
        return UUID.nameUUIDFromBytes(("parley:private-chat:" + low + ":" + high).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The most significant 64 bits, then the least, each compared as a signed number (java.util.UUID's order in JDK 17). */
    static int compare(UUID a, UUID b) {
        int high = Long.compare(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compare(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
