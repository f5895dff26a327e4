package parley.local;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis the tests share: {@code PARLEY_TEST_REDIS_ADDRESS} (default {@code redis://127.0.0.1:6379},
 * the machine's, which CI starts) when it answers, otherwise an embedded Redis started once for the
 * whole JVM, so that {@code ./mvnw verify} needs no Redis installed, as {@code ./parley up} needs none.
 */
public final class TestRedis {

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static final String CONFIGURED = env("PARLEY_TEST_REDIS_ADDRESS", "redis://127.0.0.1:6379");

    private static String address;

    private TestRedis() {
    }

    /** A {@code redis://host:port} address of a running Redis. */
    public static synchronized String address() {
        if (address == null) {
            address = resolve();
        }
        return address;
    }

    private static String resolve() {
        URI configured = URI.create(CONFIGURED);
        int port = configured.getPort() < 0 ? 6379 : configured.getPort();
        if (Reachable.answers(configured.getHost(), port)) {
            return CONFIGURED;
        }
        LocalRedis redis = LocalRedis.tryStart(FreePort.find()).orElseThrow(() -> new IllegalStateException(
                "no Redis answers at " + CONFIGURED + " and the embedded Redis cannot run on this machine: "
                        + "install and start redis-server (apt-get install redis-server), or set PARLEY_TEST_REDIS_ADDRESS"));
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "test-redis-stop"));
        log.warn("No Redis answers at {}: the tests use an embedded Redis at {}", CONFIGURED, redis.address());
        return redis.address();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
