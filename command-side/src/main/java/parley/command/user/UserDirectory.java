package parley.command.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** Answers whether a user id belongs to a registered user, from the command side's own table. */
@Component
public class UserDirectory {

    /**
     * Accounts are never deleted, so a yes stays true and is asked once; a no is asked again (the
     * user may register the next second). Bounded: a node knows its active users, not every user.
     */
    private final Cache<UUID, Boolean> known = Caffeine.newBuilder().maximumSize(100_000).build();
    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code userId}, if it is a registered user's; a command naming anyone else is refused. */
    public UUID requireExisting(UUID userId) {
        if (!exists(userId)) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_PEER, "no user has the id " + userId);
        }
        return userId;
    }

    public boolean exists(UUID userId) {
        if (known.getIfPresent(userId) != null) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = :id)")
                .param("id", userId)
                .query(Boolean.class)
                .single();
        if (exists) {
            known.put(userId, Boolean.TRUE);
        }
        return exists;
    }
}
