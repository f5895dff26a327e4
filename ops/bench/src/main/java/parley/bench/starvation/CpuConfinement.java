package parley.bench.starvation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The platform's JVM held to a fraction of the machine's CPU, and let go again (issue 16's "slow day").
 *
 * <p>Preferred: a CPU cgroup of its own with a quota ({@code cpu.cfs_quota_us} in cgroup v1, {@code cpu.max} in
 * v2), the way a container limit starves a JVM: every thread of the process (the cgroup takes the whole thread
 * group) gets {@code cpus} cores' worth of time per 100 ms period and is throttled for the rest, and nothing else
 * on a shared machine pays for it. Where no cgroup is writable: {@code taskset -a -p} pins every thread of the
 * process to core 0 and CPU hogs (busy shell loops, started and killed here by their own pids) are pinned beside it.
 */
abstract sealed class CpuConfinement implements AutoCloseable {

    private static final Path CGROUP_V1_CPU = Path.of("/sys/fs/cgroup/cpu");
    private static final Path CGROUP_V2 = Path.of("/sys/fs/cgroup");
    private static final long PERIOD_MICROS = 100_000;

    /** What {@link #describe()} says, e.g. "cgroup v1 cpu quota of 0.33 cores". */
    abstract String describe();

    @Override
    public abstract void close();

    /** Confines process {@code pid} to {@code cpus} cores' worth of CPU (a cgroup quota, or core 0 beside {@code hogs}). */
    static CpuConfinement confine(long pid, double cpus, int hogs) {
        String name = "parley-starvation-" + pid;
        if (Files.isWritable(CGROUP_V1_CPU.resolve("cgroup.procs"))) {
            try {
                return CgroupQuota.v1(CGROUP_V1_CPU.resolve(name), pid, cpus);
            } catch (IOException e) {
                System.err.println("starvation: cgroup v1 not usable (" + e.getMessage() + "); pinning to core 0 instead");
            }
        } else if (Files.isRegularFile(CGROUP_V2.resolve("cgroup.controllers")) && Files.isWritable(CGROUP_V2.resolve("cgroup.procs"))) {
            try {
                return CgroupQuota.v2(CGROUP_V2.resolve(name), pid, cpus);
            } catch (IOException e) {
                System.err.println("starvation: cgroup v2 not usable (" + e.getMessage() + "); pinning to core 0 instead");
            }
        }
        return PinnedBesideHogs.start(pid, hogs);
    }

    /** A cgroup of its own with a CPU quota; closing moves the process back to the root group and removes it. */
    static final class CgroupQuota extends CpuConfinement {
        private final Path group;
        private final Path rootProcs;
        private final long pid;
        private final String description;

        private CgroupQuota(Path group, Path rootProcs, long pid, String description) {
            this.group = group;
            this.rootProcs = rootProcs;
            this.pid = pid;
            this.description = description;
        }

        static CgroupQuota v1(Path group, long pid, double cpus) throws IOException {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quotaMicros(cpus)));
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
            return new CgroupQuota(group, group.getParent().resolve("cgroup.procs"), pid,
                    String.format(Locale.ROOT, "cgroup v1 CPU quota of %.2f cores (%d µs per %d µs)", cpus, quotaMicros(cpus), PERIOD_MICROS));
        }

        static CgroupQuota v2(Path group, long pid, double cpus) throws IOException {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.max"), quotaMicros(cpus) + " " + PERIOD_MICROS);
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
            return new CgroupQuota(group, group.getParent().resolve("cgroup.procs"), pid,
                    String.format(Locale.ROOT, "cgroup v2 cpu.max of %.2f cores", cpus));
        }

        private static long quotaMicros(double cpus) {
            return Math.max(1000, Math.round(cpus * PERIOD_MICROS));
        }

        @Override
        String describe() {
            return description;
        }

        @Override
        public void close() {
            try {
                if (ProcessHandle.of(pid).isPresent()) {
                    Files.writeString(rootProcs, Long.toString(pid));
                }
                Files.deleteIfExists(group);
            } catch (IOException e) {
                System.err.println("starvation: could not release " + group + ": " + e.getMessage());
            }
        }
    }

    /** Every thread of the process on core 0, beside busy loops on core 0; closing kills the loops and unpins. */
    static final class PinnedBesideHogs extends CpuConfinement {
        private final long pid;
        private final List<Process> hogs;

        private PinnedBesideHogs(long pid, List<Process> hogs) {
            this.pid = pid;
            this.hogs = hogs;
        }

        static PinnedBesideHogs start(long pid, int count) {
            run("taskset", "-a", "-p", "-c", "0", Long.toString(pid));
            List<Process> hogs = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    hogs.add(new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
            } catch (IOException e) {
                hogs.forEach(Process::destroyForcibly);
                throw new IllegalStateException("could not start a CPU hog", e);
            }
            return new PinnedBesideHogs(pid, hogs);
        }

        @Override
        String describe() {
            return "taskset -a to core 0 beside " + hogs.size() + " busy loops on core 0";
        }

        @Override
        public void close() {
            for (Process hog : hogs) {
                hog.destroyForcibly(); // sh is the process: the loop is in it, not a child
            }
            if (ProcessHandle.of(pid).isPresent()) {
                run("taskset", "-a", "-p", "-c", "0-" + (Runtime.getRuntime().availableProcessors() - 1), Long.toString(pid));
            }
        }

        private static void run(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
                }
            } catch (IOException e) {
                throw new IllegalStateException(String.join(" ", command) + " could not run (is util-linux installed?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
