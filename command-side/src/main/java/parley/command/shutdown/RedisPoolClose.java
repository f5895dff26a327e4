package parley.command.shutdown;

import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/** Closes the Redis connections last of all, with the sessions gone (their presence entries expire by TTL anyway). */
@Component
class RedisPoolClose extends StopOnly {

    private final RedissonClient redis;
    private final ShutdownClock clock;

    RedisPoolClose(RedissonClient redis, ShutdownClock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    void onStop() {
        clock.step("Redis pool closed", () -> redis.shutdown(0, clock.remaining().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.POOLS;
    }
}
