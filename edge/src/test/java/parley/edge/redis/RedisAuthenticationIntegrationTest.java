package parley.edge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import parley.local.FreePort;
import redis.embedded.RedisServer;

/** A real Redis that requires AUTH: the client sends the configured password, and without it gets nothing done. */
class RedisAuthenticationIntegrationTest {

    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static final int PORT = FreePort.find();
    private static RedisServer redis;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RedisConnectionConfiguration.class)
            .withPropertyValues("parley.redis.address=redis://127.0.0.1:" + PORT);

    @BeforeAll
    static void start() throws IOException {
        redis = RedisServer.newRedisServer().port(PORT).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").setting("requirepass " + PASSWORD).build();
        redis.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void theConfiguredPasswordIsSentAndCommandsWork() {
        context.withPropertyValues("parley.redis.password=" + PASSWORD).run(started -> {
            RedissonClient client = started.getBean(RedissonClient.class);
            client.getBucket("parley-auth-test").set("ok");
            assertThat(client.getBucket("parley-auth-test").get()).isEqualTo("ok");
        });
    }

    @Test
    void withoutThePasswordTheRedisRefusesTheClient() {
        context.run(started -> assertThatThrownBy(() -> started.getBean(RedissonClient.class).getBucket("parley-auth-test").set("x"))
                .hasStackTraceContaining("NOAUTH"));
    }

    @Test
    void thePasswordIsNeverInTheProperties() {
        RedisConnectionProperties properties = new RedisConnectionProperties("redis://r:6379", "", PASSWORD);

        assertThat(properties.toString()).doesNotContain(PASSWORD).contains("(set)");
    }
}
