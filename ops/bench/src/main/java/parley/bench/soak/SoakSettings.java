package parley.bench.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long the soak runs and how hard: {@code run-all soak [minutes] [--rate N] [--window S]}.
 *
 * @param duration the open loop's length (the 30 minutes by default)
 * @param window one row of the table: the figures are taken at each window's edge
 * @param rate the open loop's msg/s, or NaN for half the maximum measured first (the benchmark's a-private-half-rate)
 */
public record SoakSettings(Duration duration, Duration window, double rate) {

    static final String USAGE = "usage: run-all soak [minutes, default 30] [--rate <msg/s>, default half the measured maximum] "
            + "[--window <seconds>, default 60]";

    public SoakSettings {
        if (window.isZero() || window.isNegative() || duration.compareTo(window) < 0) {
            throw new IllegalArgumentException("the soak must last at least one window of positive length");
        }
        if (!Double.isNaN(rate) && !(rate > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
    }

    static SoakSettings parse(List<String> arguments) {
        Duration duration = Duration.ofMinutes(30);
        Duration window = Duration.ofMinutes(1);
        double rate = Double.NaN;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i).toLowerCase(Locale.ROOT);
            if (argument.equals("soak")) {
                continue;
            }
            if ((argument.equals("--rate") || argument.equals("--window")) && i + 1 < arguments.size()) {
                double value = Double.parseDouble(arguments.get(++i));
                if (argument.equals("--rate")) {
                    rate = value;
                } else {
                    window = Duration.ofMillis(Math.round(value * 1000));
                }
            } else if (argument.matches("\\d+(\\.\\d+)?")) {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(argument) * 60_000));
            } else {
                throw new IllegalArgumentException(USAGE + "; unknown argument " + arguments.get(i));
            }
        }
        return new SoakSettings(duration, window, rate);
    }

    /** Whole windows only: the last partial one would not compare with the others. */
    int windows() {
        return (int) (duration.toMillis() / window.toMillis());
    }

    Duration loadDuration() {
        return window.multipliedBy(windows());
    }

    boolean measuresMaximum() {
        return Double.isNaN(rate);
    }
}
