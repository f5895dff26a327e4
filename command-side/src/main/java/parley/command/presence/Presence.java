package parley.command.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Who is online, shared by all nodes in Redis: per user, a sorted set of session ids scored by the
 * time their claim expires (nodes refresh their sessions' claims), and the time last seen. Every
 * call goes through {@link EphemeralRedis}: while Redis is down, everyone reads as offline and
 * claims are made again by the next refresh once it is back.
 */
@Component
public class Presence {

    private final EphemeralRedis redis;
    private final RedisProperties properties;
    private final Clock clock;

    Presence(EphemeralRedis redis, RedisProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims the session for a while; true if the user was offline before (false if Redis could not tell). */
    boolean sessionUp(UUID userId, String sessionId) {
        boolean wasOnline = isOnline(userId);
        Boolean claimed = redis.call(client -> sessions(client, userId).addAsync(expiry(), sessionId), null);
        return claimed != null && !wasOnline;
    }

    /** Drops the session; true if the user has no session left (false if Redis could not tell). */
    boolean sessionDown(UUID userId, String sessionId) {
        Boolean removed = redis.call(client -> sessions(client, userId).removeAsync(sessionId), null);
        if (removed == null) {
            return false;
        }
        boolean offline = !isOnline(userId);
        if (offline) {
            redis.call(client -> lastSeen(client, userId).setAsync(clock.instant().toString()), null);
        }
        return offline;
    }

    void refresh(UUID userId, String sessionId) {
        redis.call(client -> sessions(client, userId).addAsync(expiry(), sessionId), null);
    }

    public boolean isOnline(UUID userId) {
        long now = clock.millis();
        Integer live = redis.call(client -> {
            RScoredSortedSetAsync<String> sessions = sessions(client, userId);
            return sessions.removeRangeByScoreAsync(Double.NEGATIVE_INFINITY, true, now, false)
                    .thenCompose(expired -> sessions.countAsync(now, true, Double.POSITIVE_INFINITY, true));
        }, 0);
        return live > 0;
    }

    public Instant lastSeen(UUID userId, boolean online) {
        if (online) {
            return clock.instant();
        }
        String value = redis.call(client -> lastSeen(client, userId).getAsync(), null);
        return value == null ? null : Instant.parse(value);
    }

    private double expiry() {
        return clock.millis() + properties.sessionTtl().toMillis();
    }

    private static RScoredSortedSetAsync<String> sessions(RedissonClient client, UUID userId) {
        return client.getScoredSortedSet("parley:presence:" + userId, StringCodec.INSTANCE);
    }

    private static RBucketAsync<String> lastSeen(RedissonClient client, UUID userId) {
        return client.getBucket("parley:last-seen:" + userId, StringCodec.INSTANCE);
    }
}
