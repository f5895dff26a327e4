package parley.edge.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fallback limiter while Redis is unreachable: the same algorithm and limits as
 * {@code gcra.lua}, in this node's memory. Bounded: past {@code maxKeys} the least recently used
 * key is forgotten (which can only make that key more lenient, never lock anyone out).
 */
class LocalGcra {

    private final Clock clock;
    private final Map<String, Long> arrivals;

    LocalGcra(Clock clock, int maxKeys) {
        this.clock = clock;
        this.arrivals = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxKeys;
            }
        };
    }

    synchronized Decision acquire(String key, RateLimitProperties.Limit limit) {
        long interval = limit.intervalMicros();
        long period = interval * limit.limit();
        long now = micros(clock.instant());
        long tat = Math.max(arrivals.getOrDefault(key, now), now);
        long nextTat = tat + interval;
        long allowedAt = nextTat - period;
        if (now < allowedAt) {
            return new Decision(false, limit.limit(), 0, ceilMillis(allowedAt - now), ceilMillis(tat - now), Decision.Source.LOCAL);
        }
        arrivals.put(key, nextTat);
        return new Decision(true, limit.limit(), (now - allowedAt) / interval, 0, ceilMillis(nextTat - now), Decision.Source.LOCAL);
    }

    synchronized int size() {
        return arrivals.size();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static long ceilMillis(long micros) {
        return (micros + 999) / 1000;
    }
}
