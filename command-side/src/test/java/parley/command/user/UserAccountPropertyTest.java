package parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import parley.api.device.DeviceCommands.PublishDeviceKeys;
import parley.api.device.DeviceCommands.RevokeDevice;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.user.UserRegistered;
import parley.command.chat.FixtureRun;
import parley.command.chat.FixtureRun.Outcome;
import parley.command.device.DeviceLimits;
import parley.command.device.PublishedDevice;

/**
 * Properties of a user's devices ({@link UserAccount}) over any sequence of publications, rotations
 * and revocations, each possibly resent at once: the user never has more current devices than the
 * limit, a revoked device id never comes back, a device keeps its first publication's createdAt
 * through rotations, a refused command records nothing, and a resent publication records nothing and
 * answers the same device (as not newly registered).
 *
 * <p>Budget: 200 tries of up to 30 commands on four device ids with a limit of two. A failure prints
 * its seed: rerun it with {@code @Property(seed = "<seed>")} (fixed seeds are allowed, see
 * {@code junit-platform.properties}); a plain rerun tries the failing sample first (jqwik's database is
 * under {@code target/}).
 */
class UserAccountPropertyTest {

    private static final UUID USER = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final List<String> KEYS = List.of("hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo",
            "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08");
    private static final int MAX_DEVICES = 2;

    record Step(Object command, boolean resent) {
    }

    @Property(tries = 200)
    void devicesStayWithinTheLimitAndRetriesChangeNothing(@ForAll("histories") List<Step> steps) {
        FixtureConfiguration<UserAccount> fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(new SteppingClock());
        fixture.registerInjectableResource(new DeviceLimits(MAX_DEVICES, Duration.ofMinutes(5)));
        FixtureRun<UserAccount> run = new FixtureRun<>(fixture);
        List<Object> history = new ArrayList<>(List.of(new UserRegistered(USER, "ann", "Ann", Instant.EPOCH)));
        Map<String, Instant> current = new HashMap<>();
        Set<String> revoked = new HashSet<>();

        for (Step step : steps) {
            Outcome outcome = run.run(history, step.command());
            Statistics.label("answers").collect(step.command().getClass().getSimpleName() + " "
                    + (outcome.accepted() && outcome.events().isEmpty() ? "unchanged" : outcome.verdict()));
            if (!outcome.accepted()) {
                assertThat(outcome.events()).as("a refused %s (%s) records nothing", step.command(), outcome.answer()).isEmpty();
            }
            for (Object event : outcome.events()) {
                if (event instanceof DeviceKeysPublished published) {
                    assertThat(revoked).as("a revoked device id never comes back").doesNotContain(published.deviceId());
                    current.putIfAbsent(published.deviceId(), published.publishedAt());
                } else if (event instanceof DeviceRevoked gone) {
                    assertThat(current).containsKey(gone.deviceId());
                    current.remove(gone.deviceId());
                    revoked.add(gone.deviceId());
                }
            }
            assertThat(current.size()).as("current devices").isLessThanOrEqualTo(MAX_DEVICES);
            if (outcome.result() instanceof PublishedDevice device) {
                assertThat(device.createdAt()).as("a device keeps its first createdAt").isEqualTo(current.get(device.deviceId()));
            }
            history.addAll(outcome.events());

            if (step.resent()) {
                Outcome again = run.run(history, step.command());
                assertThat(again.events()).as("resending %s", step.command()).isEmpty();
                if (outcome.result() instanceof PublishedDevice first) {
                    assertThat(again.result()).as("a resent publication answers the same device")
                            .isEqualTo(new PublishedDevice(first.deviceId(), first.agreementKey(), first.signingKey(), first.createdAt(),
                                    false));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> device = Arbitraries.of("phone", "laptop", "tablet", "watch");
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<Object> command = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(device, key, key).as((d, a, s) -> new PublishDeviceKeys(USER, d, a, s))),
                Tuple.of(1, device.map(d -> new RevokeDevice(USER, d))));
        return Combinators.combine(command, Arbitraries.integers().between(0, 3)).as((c, r) -> new Step(c, r == 0))
                .list().ofMinSize(5).ofMaxSize(30).withSizeDistribution(RandomDistribution.uniform());
    }

    /** A clock a millisecond later at every reading, so that a rotation's time differs from the first publication's. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusMillis(1);
            return now;
        }
    }
}
