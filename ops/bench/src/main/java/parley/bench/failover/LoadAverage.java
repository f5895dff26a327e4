package parley.bench.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average ({@code /proc/loadavg}), -1 where there is none: how shared the machine was. */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
