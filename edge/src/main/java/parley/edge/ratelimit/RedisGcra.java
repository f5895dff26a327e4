package parley.edge.ratelimit;

import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.OptionalOptions;
import org.redisson.client.codec.StringCodec;
import parley.edge.redis.RedisReplies;
import parley.edge.redis.RedisScripts;

/**
 * The shared limiter: one Lua script per decision, atomic in Redis (sent by its SHA once cached),
 * so the limit is global across nodes and costs one round trip.
 */
class RedisGcra {

    private static final String SCRIPT = RedisScripts.load(RedisGcra.class, "gcra.lua");

    private final RScript script;
    private final Duration timeout;

    RedisGcra(RedissonClient redis, Duration timeout) {
        // No retries and a short time-out: a late answer is worth less than the local limiter's.
        this.script = redis.getScript(OptionalOptions.defaults().codec(StringCodec.INSTANCE).timeout(timeout).retryAttempts(0));
        this.timeout = timeout;
    }

    Decision acquire(String key, RateLimitProperties.Limit limit) {
        // Bounded even while Redisson is still trying to connect, which its own time-out does not cover.
        List<Long> result = RedisReplies.await(script.<List<Long>>evalAsync(key, RScript.Mode.READ_WRITE, SCRIPT,
                RScript.ReturnType.LIST, List.of(key), limit.limit(), limit.intervalMicros()), timeout);
        return new Decision(result.get(0) == 1L, limit.limit(), result.get(1), result.get(2), result.get(3), Decision.Source.REDIS);
    }
}
