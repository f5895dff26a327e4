package parley.bench.starvation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import parley.bench.Progress;
import parley.bench.failover.LoadAverage;
import parley.bench.load.LiveDeliveryLoad;
import parley.bench.load.LiveDeliveryLoad.PhaseResult;
import parley.bench.platform.BenchEnvironment;
import parley.bench.platform.PlatformSettings;

/**
 * The platform's jar in its own JVM on a fresh database, Kafka in its own JVM and the machine's Redis
 * ({@link BenchEnvironment}); SDK-level sessions chatting in private chats ({@link LiveDeliveryLoad}). The same load
 * runs twice on the same sessions: unstarved (the baseline), then with the platform confined to a sixth of the
 * machine ({@link CpuConfinement}; Kafka, PostgreSQL, Redis and the load generator keep theirs, as on a slow day of
 * a shared host) and stopped outright once halfway through ({@link Stall}). Then the platform gets its CPU back and the starved phase's deliveries are counted once more.
 */
final class StarvationRun {

    private final StarvationSettings settings;
    private final PlatformSettings platform;
    private final Path work;
    private final Progress progress;

    StarvationRun(StarvationSettings settings, PlatformSettings platform, Path work, Progress progress) {
        this.settings = settings;
        this.platform = platform;
        this.work = work;
        this.progress = progress;
    }

    StarvationResult run() throws InterruptedException {
        try (BenchEnvironment environment = BenchEnvironment.start(platform, work, progress);
                LiveDeliveryLoad load = LiveDeliveryLoad.prepare(environment.target(), settings.pairs(), progress)) {
            List<StarvationResult.Phase> phases = new ArrayList<>();
            phases.add(phase(environment, load, "unstarved", Duration.ZERO));
            long pid = environment.target().platformPid();
            String confinement;
            try (CpuConfinement starved = CpuConfinement.confine(pid, settings.cpus(), settings.hogs())) {
                confinement = starved.describe();
                progress.line("starvation: platform (pid %d) confined: %s", pid, confinement);
                phases.add(phase(environment, load, "starved", settings.stall()));
            }
            progress.line("starvation: platform released; waiting up to %s for the starved phase's pushes", settings.drain());
            long missing = load.missingAfter(settings.drain());
            return new StarvationResult(load.users(), load.chats(), load.envelopeBytes(), confinement, phases, missing);
        }
    }

    private StarvationResult.Phase phase(BenchEnvironment environment, LiveDeliveryLoad load, String name, Duration stall)
            throws InterruptedException {
        PlatformMetrics before = PlatformMetrics.scrape(environment.target().baseUrl());
        progress.line("starvation: phase %s, %d sends in flight for %s", name, settings.concurrency(), settings.phase());
        load.startPhase(name, settings.concurrency());
        // the phase's length: a benchmark's duration, not a wait for an event
        Thread.sleep(settings.phase().toMillis() / 2);
        if (!stall.isZero()) {
            progress.line("starvation: platform stopped (SIGSTOP) for %s", stall);
            Stall.of(environment.target().platformPid(), stall);
            progress.line("starvation: platform continued (SIGCONT)");
        }
        Thread.sleep(settings.phase().toMillis() - settings.phase().toMillis() / 2);
        double loadAverage = LoadAverage.oneMinute();
        PhaseResult result = load.endPhase(settings.drain());
        PlatformMetrics platformDelta = PlatformMetrics.scrape(environment.target().baseUrl()).since(before);
        progress.line("starvation: phase %s: acked %,d, OVERLOADED %,d, duplicated %,d, missing %,d; platform %s", name,
                result.acked(), result.overloaded(), result.duplicated(), result.missing(), platformDelta.values());
        return new StarvationResult.Phase(result, platformDelta, loadAverage);
    }
}
