package parley.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.local.LocalRedis;

/**
 * The command side on an embedded Redis that the test stops: requests keep being served, and the
 * local limiter still enforces the limits (and says so in the metrics).
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageRateLimitIntegrationTest {

    private static final LocalRedis REDIS = LocalRedis.tryStart(freePort()).orElseThrow();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "ratelimit_outage");
        registry.add("parley.redis.address", REDIS::address);
        registry.add("parley.ratelimit.classes.login.limit", () -> 3);
        registry.add("parley.ratelimit.classes.login.period", () -> "1m");
        registry.add("parley.ratelimit.breaker.open-duration", () -> "5m");
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void withRedisStoppedThePlatformServesAndTheLocalLimiterStillLimits() {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        String username = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/auth/register", Map.of("username", username, "password", "correct horse battery",
                "displayName", "Outage"), null).status()).as("with Redis up").isEqualTo(201);

        REDIS.close();

        for (int attempt = 1; attempt <= 3; attempt++) {
            ParleyHttp.Response login = http.post("/api/auth/login", Map.of("username", username, "password", "wrong password"), null);
            assertThat(login.status()).as("served, not a 500").isEqualTo(401);
        }
        ParleyHttp.Response locked = http.post("/api/auth/login", Map.of("username", username, "password", "correct horse battery"), null);
        assertThat(locked.status()).as("still limited, by this node").isEqualTo(429);
        assertThat(locked.headers().getFirst("Retry-After")).isNotNull();
        assertThat(http.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

        assertThat(meters.get("parley.ratelimit.decisions").tag("source", "local").tag("class", "login").tag("outcome", "rejected")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("parley.ratelimit.decisions").tag("source", "local").tag("class", "ip").counters())
                .as("the per-address limit is decided locally too").isNotEmpty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
