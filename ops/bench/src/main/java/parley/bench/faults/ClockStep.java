package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * The platform node's wall clock stepped 20 minutes ahead for 20 s while clients chat, then stepped back to real time
 * (as NTP steps a node's clock that had drifted, and back when it is corrected; {@link SteppableClock}). Its monotonic
 * clock does not move.
 *
 * <p>Ahead, every access token the clients hold is past its expiry (15 minutes) by more than the allowed clock skew
 * ({@code parley.jwt.clock-skew}, 30 s): the node refuses them and the SDK must refresh and go on. Back, the tokens and
 * the event stamps issued while ahead are 20 minutes in the future: what the node issued then must still be accepted.
 * Nothing acknowledged may be lost or doubled, and delivery order is the seqs', which no clock decides. (The clients
 * only send: edits, the one thing the read side orders by time, are checked under a clock behind by the aggregates'
 * tests, {@code PrivateChatTest}/{@code GroupChatTest}.)
 */
public final class ClockStep implements Fault {

    /** Beyond the access tokens' 15 minutes and the 30 s of skew, so that every token held is expired at once. */
    private static final Duration AHEAD = Duration.ofMinutes(20);
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "node's clock stepped 20 min ahead for 20 s, then back";
    }

    @Override
    public void inject(FaultEnvironment environment) throws InterruptedException {
        environment.stepPlatformClock(AHEAD);
    }

    @Override
    public void heal(FaultEnvironment environment) throws InterruptedException {
        environment.stepPlatformClock(Duration.ZERO);
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return Set.of(EnvironmentPart.STEPPABLE_CLOCK);
    }
}
