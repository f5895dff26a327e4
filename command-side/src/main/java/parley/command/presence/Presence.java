package parley.command.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.redisson.api.RBucket;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Who is online, shared by all nodes in Redis: per user, a sorted set of session ids scored by the
 * time their claim expires (nodes refresh their sessions' claims), and the time last seen.
 */
@Component
public class Presence {

    private final RedissonClient redis;
    private final RedisProperties properties;
    private final Clock clock;

    Presence(RedissonClient redis, RedisProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims the session for a while; true if the user was offline before. */
    boolean sessionUp(UUID userId, String sessionId) {
        boolean wasOnline = isOnline(userId);
        sessions(userId).add(expiry(), sessionId);
        return !wasOnline;
    }

    /** Drops the session; true if the user has no session left. */
    boolean sessionDown(UUID userId, String sessionId) {
        sessions(userId).remove(sessionId);
        boolean offline = !isOnline(userId);
        if (offline) {
            lastSeen(userId).set(clock.instant().toString());
        }
        return offline;
    }

    void refresh(UUID userId, String sessionId) {
        sessions(userId).add(expiry(), sessionId);
    }

    public boolean isOnline(UUID userId) {
        RScoredSortedSet<String> sessions = sessions(userId);
        sessions.removeRangeByScore(Double.NEGATIVE_INFINITY, true, clock.millis(), false);
        return sessions.count(clock.millis(), true, Double.POSITIVE_INFINITY, true) > 0;
    }

    public Instant lastSeen(UUID userId, boolean online) {
        if (online) {
            return clock.instant();
        }
        String value = lastSeen(userId).get();
        return value == null ? null : Instant.parse(value);
    }

    private double expiry() {
        return clock.millis() + properties.sessionTtl().toMillis();
    }

    private RScoredSortedSet<String> sessions(UUID userId) {
        return redis.getScoredSortedSet("parley:presence:" + userId, StringCodec.INSTANCE);
    }

    private RBucket<String> lastSeen(UUID userId) {
        return redis.getBucket("parley:last-seen:" + userId, StringCodec.INSTANCE);
    }
}
