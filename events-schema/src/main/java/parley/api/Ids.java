package parley.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** Identifier helpers shared by every service and client. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * The id of the private chat between two users: the same for both orderings of the pair, so
     * any node (or client) can compute it without a lookup.
     */
    public static UUID privateChatId(UUID userA, UUID userB) {
        UserPair pair = UserPair.of(userA, userB);
        return UUID.nameUUIDFromBytes(("parley:private-chat:" + pair.low() + ":" + pair.high()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id of the group that {@code creatorId} creates with {@code clientCommandId}: a resent
     * {@code group.create} (a reply lost to a reconnect) names the same group, which the aggregate
     * recognises as created already, instead of creating a second one. Derived from the creator too,
     * so no other user's command can name that group.
     */
    public static UUID groupId(UUID creatorId, String clientCommandId) {
        return UUID.nameUUIDFromBytes(("parley:group:" + creatorId + ":" + clientCommandId).getBytes(StandardCharsets.UTF_8));
    }

    /** A time-ordered UUID (version 7, RFC 9562) so new keys append to the end of B-tree indexes. */
    public static UUID uuid7() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
