package parley.bench.sessions;

import java.time.Duration;

/**
 * How big the idle-sessions scenario is.
 *
 * @param users registered users; their sessions are spread evenly (the server has no per-user session limit)
 * @param sessionsPerUser STOMP sessions each user holds open
 * @param connectConcurrency sessions being opened at the same time
 * @param senderPairs users that send (each to its own peer) during the load; both users' sessions receive
 * @param sendsPerSecond the total send rate of the light load, spread over the pairs
 * @param loadDuration how long the light load runs
 * @param drainWait how long to wait after the last send for deliveries still in flight
 */
public record IdleSessionsSettings(int users, int sessionsPerUser, int connectConcurrency, int senderPairs,
        int sendsPerSecond, Duration loadDuration, Duration drainWait) {

    public IdleSessionsSettings {
        if (users < 2 * senderPairs || senderPairs < 1) {
            throw new IllegalArgumentException("need at least two users per sender pair and one pair");
        }
        if (sessionsPerUser < 1 || connectConcurrency < 1 || sendsPerSecond < 1) {
            throw new IllegalArgumentException("sessions per user, concurrency and rate must be positive");
        }
    }

    /** 10,000 sessions: 100 users x 100 sessions (registration hashes each password, so fewer users is faster). */
    public static IdleSessionsSettings full() {
        return new IdleSessionsSettings(100, 100, 50, 2, 20, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** 200 sessions and 3 s of load: a few seconds, to check the scenario works. */
    public static IdleSessionsSettings smoke() {
        return new IdleSessionsSettings(10, 20, 20, 2, 20, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public int sessions() {
        return users * sessionsPerUser;
    }

    public long sends() {
        return sendsPerSecond * loadDuration.toMillis() / 1000;
    }
}
