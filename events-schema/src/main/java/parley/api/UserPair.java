package parley.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The two users of a private chat in its one order, whoever of them sends: {@code low} is the lesser
 * by {@link UUID#compareTo} (signed, as the chat id, {@code PrivateChatStarted} and the read side's
 * chat rows have always used). Every place that orders a pair asks this record, so they cannot drift.
 */
public record UserPair(UUID low, UUID high) {

    public UserPair {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) >= 0) {
            throw new IllegalArgumentException("low must order before high");
        }
    }

    /** The pair of {@code userA} and {@code userB} in either order; one user is no pair. */
    public static UserPair of(UUID userA, UUID userB) {
        if (userA.equals(userB)) {
            throw new IllegalArgumentException("a private chat needs two different users");
        }
        return userA.compareTo(userB) < 0 ? new UserPair(userA, userB) : new UserPair(userB, userA);
    }
}
