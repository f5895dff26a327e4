package parley.bench.bluegreen;

import java.time.Duration;

/**
 * How big the blue-green run is. Durations of load, not waits for a condition: the load runs on blue for
 * {@code onBlue} (and on while green starts), then on green for {@code onGreen} after blue has drained.
 *
 * @param pairs private chats; their {@code 2 * pairs} users are also one group
 * @param pause between one user's sends (each waits for its acknowledgement first)
 * @param onBlue load before green is started
 * @param onGreen load after blue has drained and exited
 * @param settle how long deliveries and the read tables may take to complete once the load stops
 */
record BlueGreenSettings(String name, int pairs, Duration pause, Duration onBlue, Duration onGreen, Duration settle) {

    BlueGreenSettings {
        if (pairs < 1 || pause.isNegative() || onBlue.isNegative() || onGreen.isNegative()) {
            throw new IllegalArgumentException("need at least one pair of users and non-negative durations");
        }
    }

    /** 10 users, each sending about 5 a second: a group of 10 and 5 private chats. */
    static BlueGreenSettings full() {
        return new BlueGreenSettings("full", 5, Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(90));
    }

    /** 4 users, a few seconds of load on each side. */
    static BlueGreenSettings smoke() {
        return new BlueGreenSettings("smoke", 2, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(90));
    }

    static BlueGreenSettings named(String name) {
        return switch (name) {
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("size is full or smoke, not " + name);
        };
    }

    String describe() {
        return String.format("%d SDK clients (%d private chats and one group of %d), each sending private and group "
                + "messages in turn, %d ms apart; %d s on blue, green started under load, %d s on green after blue's drain",
                pairs * 2, pairs, pairs * 2, pause.toMillis(), onBlue.toSeconds(), onGreen.toSeconds());
    }
}
