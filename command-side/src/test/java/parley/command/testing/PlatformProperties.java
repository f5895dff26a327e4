package parley.command.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import parley.local.TestDatabase;
import parley.local.TestRedis;

/**
 * Points a Spring test context at a fresh database on the real PostgreSQL, the shared Kafka and the
 * tests' Redis (the machine's, or embedded ones where none runs: {@link TestDatabase}, {@link TestRedis}).
 */
public final class PlatformProperties {

    private PlatformProperties() {
    }

    public static TestDatabase register(DynamicPropertyRegistry registry, String purpose) {
        TestDatabase database = register(registry, purpose, () -> SharedKafka.get().bootstrapServers());
        SharedKafka.startAtTheEnd(projectionsGroup(database));
        return database;
    }

    /** The projections' consumer group of the context on {@code database}: its own, see below. */
    public static String projectionsGroup(TestDatabase database) {
        return "parley-projections-" + database.name();
    }

    public static TestDatabase register(DynamicPropertyRegistry registry, String purpose, Supplier<Object> kafkaBootstrap) {
        TestDatabase database = TestDatabase.create(purpose);
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", kafkaBootstrap);
        registry.add("parley.redis.address", TestRedis::address);
        // Many contexts stay cached at once on one PostgreSQL: small pools that give idle connections back.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        registry.add("parley.query.read-datasource.maximum-pool-size", () -> "3");
        // Test contexts stay cached and share one broker: each needs its own group, or one
        // context's projections would consume another's partitions into the wrong database.
        String group = projectionsGroup(database);
        registry.add("parley.projections.group-id", () -> group);
        // All test contexts share one Redis and call from 127.0.0.1: each counts its own requests.
        String rateLimitPrefix = "parley:rl:" + database.name();
        registry.add("parley.ratelimit.key-prefix", () -> rateLimitPrefix);
        // Every test client calls from 127.0.0.1, and tests poll the read side while it catches up: the
        // per-address budget of a whole office. Tests of the limits themselves register their own values.
        registry.add("parley.ratelimit.classes.ip.limit", () -> "100000");
        // Transport and storage tests send readable markers; envelope v1 is still checked in full when sent.
        registry.add("parley.e2ee.allow-unencrypted", () -> "true");
        try {
            String keys = Files.createTempDirectory("parley-keys").toString();
            registry.add("parley.jwt.key-directory", () -> keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database;
    }
}
