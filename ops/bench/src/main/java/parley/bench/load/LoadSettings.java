package parley.bench.load;

import parley.bench.Size;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run: who chats with whom, how hard the load is driven, for how long, and with what payload.
 *
 * @param name the scenario id in the results, e.g. {@code a-private-sends}
 * @param users how many users; always {@code shape.users()}, kept as a field because the reports show it
 * @param drainTimeout after the measured window, how long the last replies and deliveries may stop arriving before
 *                     what is still missing counts as lost (the wait goes on while they arrive)
 * @param deliveryReceipts whether recipients send {@code chat.delivered} as real clients do (on by default; each is
 *                         a stored command, so in a big group they outnumber the messages: switch them off to see
 *                         the fan-out alone)
 */
public record LoadSettings(String name, int users, ChatShape shape, LoadMode mode, Duration warmUp, Duration measured,
        PayloadKind payload, Duration drainTimeout, boolean deliveryReceipts) {

    /** Groups above this size get opaque payloads: one v1 envelope cannot address ~330+ devices within 64 KiB. */
    public static final int LARGEST_SEALED_GROUP = 100;

    public LoadSettings {
        Objects.requireNonNull(name, "name");
        if (users != shape.users()) {
            throw new IllegalArgumentException(shape + " needs " + shape.users() + " users, not " + users);
        }
        if (warmUp.isNegative() || measured.isZero() || measured.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must be positive (warm-up may be zero)");
        }
    }

    /** Scenario (a): sustained sends in private chats (full: 50 users in 25 chats, closed loop of 32). */
    public static LoadSettings privateSends(Size size) {
        return size == Size.FULL
                ? of("a-private-sends", ChatShape.privatePairs(25), LoadMode.closedLoop(32), full(), PayloadKind.SEALED)
                : of("a-private-sends-smoke", ChatShape.privatePairs(2), LoadMode.closedLoop(4), smoke(), PayloadKind.SEALED);
    }

    /**
     * Scenario (b): fan-out in groups. Full: groups of 10 come two at a time, larger groups one (500 users for
     * a group of 500). Smoke: one group of at most 5 members, with the full size's payload kind.
     */
    public static LoadSettings groupFanOut(int groupSize, Size size) {
        PayloadKind payload = groupSize <= LARGEST_SEALED_GROUP ? PayloadKind.SEALED : PayloadKind.OPAQUE;
        String name = "b-group-" + groupSize;
        if (size == Size.SMOKE) {
            return of(name + "-smoke", ChatShape.groups(Math.min(groupSize, 5), 1), LoadMode.closedLoop(2), smoke(), payload);
        }
        int groups = groupSize <= 10 ? 2 : 1;
        // every message of a big group is hundreds of deliveries: few in flight keep the platform out of overload
        int concurrency = groupSize <= 10 ? 8 : 4;
        return of(name, ChatShape.groups(groupSize, groups), LoadMode.closedLoop(concurrency), full(), payload);
    }

    public LoadSettings withMode(LoadMode newMode) {
        return new LoadSettings(name, users, shape, newMode, warmUp, measured, payload, drainTimeout, deliveryReceipts);
    }

    public LoadSettings withDurations(Duration newWarmUp, Duration newMeasured) {
        return new LoadSettings(name, users, shape, mode, newWarmUp, newMeasured, payload, drainTimeout, deliveryReceipts);
    }

    public LoadSettings withName(String newName) {
        return new LoadSettings(newName, users, shape, mode, warmUp, measured, payload, drainTimeout, deliveryReceipts);
    }

    public LoadSettings withDrainTimeout(Duration newDrainTimeout) {
        return new LoadSettings(name, users, shape, mode, warmUp, measured, payload, newDrainTimeout, deliveryReceipts);
    }

    public LoadSettings withDeliveryReceipts(boolean on) {
        return new LoadSettings(name, users, shape, mode, warmUp, measured, payload, drainTimeout, on);
    }

    public String describe() {
        return String.format("%d users in %s, %s, %s payload, %s, %d s warm-up + %d s measured", users, shape, mode,
                payload.name().toLowerCase(), deliveryReceipts ? "delivery receipts" : "no receipts", warmUp.toSeconds(),
                measured.toSeconds());
    }

    private record Timing(Duration warmUp, Duration measured, Duration drain) {
    }

    private static Timing full() {
        return new Timing(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    private static Timing smoke() {
        // a quiet period, not a wait: a run that delivers everything returns at once, so it can be generous (a GC pause
        // or a consumer's rebalance on a crowded CI machine is no loss)
        return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(30));
    }

    private static LoadSettings of(String name, ChatShape shape, LoadMode mode, Timing timing, PayloadKind payload) {
        return new LoadSettings(name, shape.users(), shape, mode, timing.warmUp(), timing.measured(), payload, timing.drain(),
                true);
    }
}
