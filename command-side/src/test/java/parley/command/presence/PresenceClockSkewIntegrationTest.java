package parley.command.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import parley.edge.breaker.BreakerSettings;
import parley.local.Patience;
import parley.local.TestRedis;

/**
 * Nodes whose wall clocks disagree share presence on the real Redis: a claim lasts its time to live
 * by Redis's clock, whichever node made it (a node 20 minutes ahead used to keep its users online
 * 20 minutes longer, one behind made them read offline at once).
 */
class PresenceClockSkewIntegrationTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration SKEW = Duration.ofMinutes(20);
    private static RedissonClient redisson;

    private final Presence nodeOnTime = node(Clock.systemUTC());
    private final Presence nodeAhead = node(Clock.offset(Clock.systemUTC(), SKEW));
    private final Presence nodeBehind = node(Clock.offset(Clock.systemUTC(), SKEW.negated()));
    private final UUID user = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestRedis.address());
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redisson.shutdown();
    }

    @Test
    void aClaimByANodeWhoseClockIsAheadLapsesAfterItsTimeToLive() {
        assertThat(nodeAhead.sessionUp(user, "s1")).as("the user was offline").isTrue();
        assertThat(nodeOnTime.isOnline(user)).isTrue();

        await().atMost(Patience.scaled(Duration.ofSeconds(30))).until(() -> !nodeOnTime.isOnline(user));
        assertThat(redisson.getKeys().countExists("parley:presence:" + user))
                .as("the lapsed sessions' key is gone with them").isZero();
    }

    @Test
    void aClaimByANodeWhoseClockIsBehindCountsAtOnce() {
        assertThat(nodeBehind.sessionUp(user, "s1")).isTrue();

        assertThat(nodeOnTime.isOnline(user)).isTrue();
        assertThat(nodeAhead.isOnline(user)).isTrue();
    }

    @Test
    void theUserGoesOfflineWithTheLastSessionAtRedissTime() {
        assertThat(nodeAhead.sessionUp(user, "s1")).isTrue();
        assertThat(nodeBehind.sessionUp(user, "s2")).as("already online").isFalse();

        assertThat(nodeBehind.sessionDown(user, "s1")).as("one session left").isFalse();
        assertThat(nodeOnTime.isOnline(user)).isTrue();
        Instant before = Instant.now();
        assertThat(nodeAhead.sessionDown(user, "s2")).as("no session left").isTrue();

        assertThat(nodeOnTime.isOnline(user)).isFalse();
        assertThat(nodeOnTime.lastSeen(user, false)).as("Redis's time, not the node's 20 minutes ahead")
                .isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void aClaimKeepsItsKeyNoLongerThanItsTimeToLive() {
        nodeOnTime.sessionUp(user, "s1");

        long remaining = redisson.getBucket("parley:presence:" + user, StringCodec.INSTANCE).remainTimeToLive();
        assertThat(remaining).isPositive().isLessThanOrEqualTo(TTL.toMillis());
    }

    private static Presence node(Clock clock) {
        RedisProperties properties = new RedisProperties(TTL, Duration.ofSeconds(5),
                new BreakerSettings(50, 10, 4, Duration.ofSeconds(5)));
        return new Presence(new EphemeralRedis(redisson, properties, new SimpleMeterRegistry()), properties, clock);
    }
}
