package parley.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import parley.bench.DaemonThreads;
import parley.bench.Progress;
import parley.bench.Target;
import parley.bench.failover.LoadAverage;
import parley.bench.load.LoadSnapshot;
import parley.bench.load.LoadWatcher;
import parley.bench.platform.PlatformHeap;

/**
 * Cuts the soak's load into windows: at each window's edge (on a clock of its own, so that a slow scrape delays no
 * send) it takes the load's totals and the platform's figures. Twice it also takes the heap after a full collection
 * (jcmd), the one heap figure without garbage in it: at the end of the baseline windows and after the load. Not before
 * the load: bounded caches that fill with the traffic (Axon's embedded event store keeps the latest 10,000 events for
 * its tailing processors, a few KiB each) would look like a leak. The first pause falls into a window the verdict does
 * not judge in a 30-window run, the second outside the windows.
 */
final class SoakRecorder implements LoadWatcher {

    private final Target target;
    private final SoakSettings settings;
    private final Progress progress;
    private final List<SoakWindow> windows = new ArrayList<>();
    private final CountDownLatch lastWindow = new CountDownLatch(1);
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("soak-windows"));
    private Supplier<LoadSnapshot> snapshots;
    private LoadSnapshot previous;
    private final SoakVerdict.Split split;
    private double heapAfterGcAtBaseline = Double.NaN;
    private double heapAfterGcAtEnd = Double.NaN;

    SoakRecorder(Target target, SoakSettings settings, Progress progress) {
        this.target = target;
        this.settings = settings;
        this.progress = progress;
        this.split = SoakVerdict.Split.of(settings.windows());
    }

    @Override
    public synchronized void loadStarted(Supplier<LoadSnapshot> loadSnapshots) {
        this.snapshots = loadSnapshots;
        previous = loadSnapshots.get();
        long period = settings.window().toMillis();
        clock.scheduleAtFixedRate(this::closeWindow, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void closeWindow() {
        if (windows.size() >= settings.windows()) {
            return;
        }
        try {
            takeWindow();
        } catch (RuntimeException e) {
            // thrown out of a scheduled task, it would cancel every later window without a word
            progress.line("soak: window %d not taken: %s", windows.size() + 1, e);
        }
    }

    private void takeWindow() {
        LoadSnapshot now = snapshots.get();
        SoakWindow window = SoakWindow.of(windows.size() + 1, now.since(previous), LoadAverage.oneMinute(),
                PlatformSample.read(target.baseUrl(), target.platformPid()));
        previous = now;
        windows.add(window);
        PlatformSample platform = window.platform();
        progress.line("soak window %d/%d: offered %.1f, acked %.1f msg/s; delivered p50 %.1f p99 %.1f ms, ack p99 %.1f ms; "
                        + "errors %d, OVERLOADED %d | heap %.0f MiB, live after GC %.0f MiB, threads %.0f, Hikari %.0f/%.0f, "
                        + "sessions %.0f, open files %.0f, direct %.0f MiB, RSS %.0f MiB, load %.1f",
                window.index(), settings.windows(), window.offeredPerSecond(), window.ackedPerSecond(), window.deliveredP50Ms(),
                window.deliveredP99Ms(), window.ackP99Ms(), window.errors(), window.overloaded(), mib(platform.heapUsedBytes()),
                mib(platform.liveDataBytes()), platform.threads(), platform.hikariActive(), platform.hikariTotal(),
                platform.webSocketSessions(), platform.openFiles(), mib(platform.directBytes()), mib(platform.rssBytes()), window.loadAverage());
        if (split != null && window.index() == split.baselineTo()) {
            heapAfterGcAtBaseline = heapAfterFullGc("at the end of the baseline windows");
        }
        if (windows.size() == settings.windows()) {
            lastWindow.countDown();
        }
    }

    @Override
    public void loadEnded() throws InterruptedException {
        // The last window closes on the clock as the sends end; the drain usually outlasts it, but not always.
        if (!lastWindow.await(settings.window().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            progress.line("soak: only %d of %d windows closed", windows().size(), settings.windows());
        }
        clock.shutdownNow();
        synchronized (this) {
            heapAfterGcAtEnd = heapAfterFullGc("after the load");
        }
    }

    synchronized List<SoakWindow> windows() {
        return List.copyOf(windows);
    }

    synchronized double heapAfterGcAtBaseline() {
        return heapAfterGcAtBaseline;
    }

    synchronized double heapAfterGcAtEnd() {
        return heapAfterGcAtEnd;
    }

    private double heapAfterFullGc(String when) {
        try {
            long bytes = new PlatformHeap(target.platformPid()).usedAfterFullGc();
            progress.line("soak: platform heap after a full GC %s: %.0f MiB", when, mib(bytes));
            return bytes;
        } catch (Exception e) {
            progress.line("soak: no heap after a full GC %s: %s", when, e);
            return Double.NaN;
        }
    }

    static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }
}
