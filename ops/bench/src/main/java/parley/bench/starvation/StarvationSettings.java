package parley.bench.starvation;

import java.time.Duration;

/**
 * The starvation scenario's sizes.
 *
 * @param pairs private chats, two users and one session each
 * @param concurrency sends in flight (closed loop)
 * @param phase how long each phase sends
 * @param drain how long a phase waits, after the last send, for replies and pushes
 * @param cpus the starved platform's share of the machine, in cores (a sixth of this machine: the slow day)
 * @param hogs busy loops beside the platform when no cgroup is writable (taskset fallback)
 * @param stall how long the starved platform is stopped outright halfway through the starved phase (zero: never),
 *     as a throttled stop-the-world collection or a descheduled host stops it ({@link Stall})
 */
record StarvationSettings(int pairs, int concurrency, Duration phase, Duration drain, double cpus, int hogs, Duration stall) {

    static StarvationSettings full() {
        return new StarvationSettings(300, 64, Duration.ofSeconds(60), Duration.ofSeconds(60), sixthOfTheMachine(), 4,
                Duration.ofSeconds(25));
    }

    static StarvationSettings smoke() {
        return new StarvationSettings(50, 16, Duration.ofSeconds(20), Duration.ofSeconds(30), sixthOfTheMachine(), 4,
                Duration.ofSeconds(5));
    }

    StarvationSettings withCpus(double share) {
        if (!(share > 0)) {
            throw new IllegalArgumentException("--cpus must be a positive number of cores: " + share);
        }
        return new StarvationSettings(pairs, concurrency, phase, drain, share, hogs, stall);
    }

    StarvationSettings withStall(Duration length) {
        if (length.isNegative()) {
            throw new IllegalArgumentException("--stall must not be negative: " + length);
        }
        return new StarvationSettings(pairs, concurrency, phase, drain, cpus, hogs, length);
    }

    private static double sixthOfTheMachine() {
        return Runtime.getRuntime().availableProcessors() / 6.0;
    }
}
