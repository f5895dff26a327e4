package parley.command.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;
import parley.edge.redis.RedisScripts;

/**
 * Who is online, shared by all nodes in Redis: per user, a sorted set of session ids scored by the
 * time their claim expires (nodes refresh their sessions' claims), and the time last seen. Claims are
 * timed and expired by Redis's clock in one script ({@code sessions.lua}), so that nodes whose clocks
 * disagree agree on who is online. Every call goes through {@link EphemeralRedis}: while Redis is
 * down, everyone reads as offline and claims are made again by the next refresh once it is back.
 */
@Component
public class Presence {

    private static final String SESSIONS = RedisScripts.load(Presence.class, "sessions.lua");

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
        Sessions sessions = claim(userId, sessionId);
        return sessions != null && sessions.before() == 0;
    }

    /** Drops the session; true if the user has no session left (false if Redis could not tell). */
    boolean sessionDown(UUID userId, String sessionId) {
        Sessions sessions = sessions(userId, "drop", sessionId);
        if (sessions == null || sessions.after() > 0) {
            return false;
        }
        redis.call(client -> lastSeen(client, userId).setAsync(sessions.now().toString()), null);
        return true;
    }

    void refresh(UUID userId, String sessionId) {
        claim(userId, sessionId);
    }

    public boolean isOnline(UUID userId) {
        Sessions sessions = sessions(userId, "count");
        return sessions != null && sessions.after() > 0;
    }

    public Instant lastSeen(UUID userId, boolean online) {
        if (online) {
            return clock.instant();
        }
        String value = redis.call(client -> lastSeen(client, userId).getAsync(), null);
        return value == null ? null : Instant.parse(value);
    }

    private Sessions claim(UUID userId, String sessionId) {
        return sessions(userId, "claim", sessionId, properties.sessionTtl().toMillis());
    }

    /** Runs {@code sessions.lua}; null if Redis could not answer. */
    private Sessions sessions(UUID userId, Object... arguments) {
        String key = "parley:presence:" + userId;
        List<Long> reply = redis.call(client -> client.getScript(StringCodec.INSTANCE).<List<Long>>evalAsync(key,
                RScript.Mode.READ_WRITE, SESSIONS, RScript.ReturnType.LIST, List.of(key), arguments), null);
        return reply == null ? null : new Sessions(reply.get(0), reply.get(1), Instant.ofEpochMilli(reply.get(2)));
    }

    private static RBucketAsync<String> lastSeen(RedissonClient client, UUID userId) {
        return client.getBucket("parley:last-seen:" + userId, StringCodec.INSTANCE);
    }

    /** A user's live sessions before and after a call, and Redis's time of it. */
    private record Sessions(long before, long after, Instant now) {
    }
}
