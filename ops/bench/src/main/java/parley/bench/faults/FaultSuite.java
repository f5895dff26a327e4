package parley.bench.faults;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import parley.bench.Progress;
import parley.bench.failover.LoadAverage;
import parley.bench.platform.PlatformService;
import parley.bench.platform.PlatformSettings;
import parley.bench.run.Machine;
import parley.local.LocalPrimary;

/**
 * Issue 16's fault suite: one environment ({@link FaultEnvironment}), then each fault in turn under its own load
 * ({@link FaultRun}), one row each. The CI subset is the three faults the issue names for CI; the full suite adds
 * the rest in the order.
 */
public final class FaultSuite {

    private FaultSuite() {
    }

    /** SIGKILL of the command node, loss of the chat-events leader broker, a PostgreSQL primary restart. */
    public static List<Fault> ciSubset() {
        return List.of(ServiceKill.commandNode(), new KafkaLeaderKill(), new PostgresRestart(LocalPrimary.StopMode.FAST));
    }

    /**
     * Everything the suite has, the CI subset first. Its environment has a read replica, PgBouncer and the services in
     * JVMs of their own (for their faults), so that every fault of it runs with them: the platform reads through the
     * replica, connects through PgBouncer and runs as three services behind an ingress, as in production.
     */
    public static List<Fault> full() {
        List<Fault> faults = new ArrayList<>(ciSubset());
        faults.add(new KafkaClusterStop());
        faults.add(new RedisRestart());
        faults.add(new PostgresRestart(LocalPrimary.StopMode.IMMEDIATE));
        faults.add(new ReplicaStop());
        faults.add(new PgBouncerRestart());
        faults.add(new DatabaseLinkTrouble());
        faults.add(new ServiceKill(PlatformService.PROJECTIONS));
        faults.add(new ServiceKill(PlatformService.QUERY_SIDE));
        faults.add(new ClockStep());
        faults.add(new CombinedFault(new KafkaLeaderKill(), new PostgresRestart(LocalPrimary.StopMode.IMMEDIATE)));
        // the node killed first and PostgreSQL stopped after: healed PostgreSQL first, then the node (a node started on a
        // database that is down exits, and its supervisor would start it again: here it starts once)
        faults.add(new CombinedFault(ServiceKill.commandNode(), new PostgresRestart(LocalPrimary.StopMode.FAST)));
        return List.copyOf(faults);
    }

    /**
     * The rows; the wall time from the environment's start to the last audit; the machine; its 1-minute load average
     * at the start and at each fault's injection (the machine is shared: the times are this machine's at that moment);
     * the parts of the environment started for the faults.
     */
    public record Outcome(List<FaultRow> rows, Optional<FaultStop> stopped, Duration wallTime, Duration environmentStartup,
            Machine machine, List<Double> loadAverages, Set<EnvironmentPart> parts) {

        public boolean passed() {
            return stopped.isEmpty() && rows.stream().allMatch(FaultRow::passed);
        }
    }

    /** The rows of the faults that ran, and where the suite stopped if a fault's run threw. */
    record Rows(List<FaultRow> rows, Optional<FaultStop> stopped) {
    }

    /** One fault's run, numbered from 1 in the suite. */
    interface FaultRunner {
        FaultRow run(Fault fault, int number) throws Exception;
    }

    public static Outcome run(List<Fault> faults, FaultSettings settings, PlatformSettings platform, Path workDir,
            Progress progress) throws Exception {
        long started = System.nanoTime();
        List<Double> loads = new ArrayList<>(List.of(LoadAverage.oneMinute()));
        progress.line("faults: %d faults; %s", faults.size(), settings.describe());
        Set<EnvironmentPart> parts = EnvironmentPart.neededBy(faults);
        try (FaultEnvironment environment = FaultEnvironment.start(platform, workDir, progress, parts)) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            Machine machine = Machine.describe(environment.jdbcUrl(), environment.jdbcUser());
            Rows rows = runEach(faults, (fault, number) -> {
                loads.add(LoadAverage.oneMinute());
                return FaultRun.run(fault, number, environment, settings);
            }, progress);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            progress.line("faults: done in %d s (environment %d s)%n%s", wall.toSeconds(), startup.toSeconds(),
                    FaultTable.markdown(rows.rows(), rows.stopped()));
            return new Outcome(rows.rows(), rows.stopped(), wall, startup, machine, List.copyOf(loads), Set.copyOf(parts));
        }
    }

    /**
     * Runs each fault in turn; a run that throws ends the suite there (see {@link FaultStop}) with the rows so far, so
     * that the table is still written.
     */
    static Rows runEach(List<Fault> faults, FaultRunner runner, Progress progress) throws InterruptedException {
        List<FaultRow> rows = new ArrayList<>();
        for (int index = 0; index < faults.size(); index++) {
            Fault fault = faults.get(index);
            try {
                rows.add(runner.run(fault, index + 1));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                FaultStop stop = new FaultStop(fault.name(), FaultStop.reasonOf(e),
                        faults.subList(index + 1, faults.size()).stream().map(Fault::name).toList());
                progress.line("faults: [%d] %s stopped the suite: %s%n%s", index + 1, fault.name(), stop.reason(), stackOf(e));
                return new Rows(List.copyOf(rows), Optional.of(stop));
            }
        }
        return new Rows(List.copyOf(rows), Optional.empty());
    }

    private static String stackOf(Exception failure) {
        StringWriter stack = new StringWriter();
        failure.printStackTrace(new PrintWriter(stack));
        return stack.toString();
    }
}
