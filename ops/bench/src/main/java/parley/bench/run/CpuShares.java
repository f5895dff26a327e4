package parley.bench.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import parley.bench.Figure;

/**
 * Where a scenario's CPU went: the load generator (this JVM) shares the machine's cores with the
 * platform, so every figure is printed beside the share of the cores each of the two used.
 * PostgreSQL, Redis and Kafka are the rest.
 */
final class CpuShares {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final long platformPid;
    private final long startNanos;
    private final long startLoadCpu;
    private final long startPlatformCpu;

    private CpuShares(long platformPid) {
        this.platformPid = platformPid;
        this.startNanos = System.nanoTime();
        this.startLoadCpu = loadGeneratorCpuNanos();
        this.startPlatformCpu = cpuNanosOf(platformPid);
    }

    static CpuShares start(long platformPid) {
        return new CpuShares(platformPid);
    }

    /** The shares of all cores since {@link #start}, in percent (100 % = every core busy). */
    List<Figure> figures() {
        double wall = (double) (System.nanoTime() - startNanos) * CORES;
        return List.of(new Figure("cpu-load-generator", 100 * (loadGeneratorCpuNanos() - startLoadCpu) / wall, "%"),
                new Figure("cpu-platform", 100 * (cpuNanosOf(platformPid) - startPlatformCpu) / wall, "%"));
    }

    private static long loadGeneratorCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A restarted platform (the crash scenario) is another process: its figure then counts from 0. */
    private static long cpuNanosOf(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }
}
