package parley.local;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Redis from the embedded-redis binaries where they start on this machine; where they do not, the
 * caller falls back to a Redis it finds on the standard port. Nothing is persisted: Parley keeps
 * only presence and ephemeral signals in Redis.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** An embedded Redis on {@code port}, or empty if the bundled binary cannot run here. */
    public static Optional<LocalRedis> tryStart(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            log.info("Redis (embedded) listening on 127.0.0.1:{}", port);
            return Optional.of(new LocalRedis(server, port));
        } catch (IOException | RuntimeException e) {
            log.warn("The embedded Redis did not start ({}); using the Redis on 127.0.0.1:6379 instead", e.toString());
            return Optional.empty();
        }
    }

    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("Could not stop the embedded Redis", e);
        }
    }
}
