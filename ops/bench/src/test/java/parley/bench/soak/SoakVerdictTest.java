package parley.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final double MIB = 1024 * 1024;

    @Test
    void thirtyWindowsSkipThreeOfWarmUpAndCompareThreeWithTheLastThree() {
        SoakVerdict.Split split = SoakVerdict.Split.of(30);
        assertThat(split).isEqualTo(new SoakVerdict.Split(3, 4, 6, 28, 30));
    }

    @Test
    void aThreeMinuteRunComparesItsSecondWindowWithItsThird() {
        assertThat(SoakVerdict.Split.of(3)).isEqualTo(new SoakVerdict.Split(1, 2, 2, 3, 3));
        assertThat(SoakVerdict.Split.of(2)).as("one window after the warm-up: nothing to compare").isNull();
        assertThat(SoakVerdict.judge(windows(2, i -> platform(200, 50)), 100 * MIB, 100 * MIB).flat()).isFalse();
    }

    @Test
    void steadyFiguresWithNoiseAreFlat() {
        // the warm-up's own figures (JIT, pools filling) do not count
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows(30, i -> i == 1 ? platform(900, 10) : platform(200, 50)),
                150 * MIB, 160 * MIB);
        assertThat(verdict.checks()).allSatisfy(check -> assertThat(check.outcome()).as(check.rule().figure())
                .isIn(SoakVerdict.Outcome.FLAT, SoakVerdict.Outcome.NOT_MEASURED));
        assertThat(verdict.flat()).isTrue();
    }

    @Test
    void aGrowingResidentSizeIsCaughtAgainstTheBaselineNotAnAbsoluteBound() {
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows(30, i -> new PlatformSample(400 * MIB, 0, 80, 1, 10, 50, 300,
                16 * MIB, (500 + 20 * i) * MIB)), 150 * MIB, 160 * MIB);
        assertThat(outcome(verdict, "process RSS")).isEqualTo(SoakVerdict.Outcome.GREW);
        assertThat(verdict.flat()).isFalse();
    }

    @Test
    void theHeapAfterAFullGcGrowingByMoreThanAQuarterIsCaught() {
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows(30, i -> platform(200, 50)), 150 * MIB, 250 * MIB);
        assertThat(outcome(verdict, SoakVerdict.HEAP_AFTER_GC.figure())).isEqualTo(SoakVerdict.Outcome.GREW);
        assertThat(SoakVerdict.judge(windows(30, i -> platform(200, 50)), Double.NaN, Double.NaN).checks().get(0).outcome())
                .isEqualTo(SoakVerdict.Outcome.NOT_MEASURED);
    }

    @Test
    void sessionsOrConnectionsAboveTheBaselineGrew() {
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows(30, i -> platform(200, i < 20 ? 50 : 51)), 150 * MIB, 150 * MIB);
        assertThat(outcome(verdict, "WebSocket sessions")).isEqualTo(SoakVerdict.Outcome.GREW);
    }

    @Test
    void p99WithinTwiceTheBaselineIsFlatBeyondItGrew() {
        List<SoakWindow> within = new ArrayList<>();
        List<SoakWindow> beyond = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            within.add(window(i, 40, 40, i > 7 ? 90 : 50, 0, platform(200, 50)));
            beyond.add(window(i, 40, 40, i > 7 ? 110 : 50, 0, platform(200, 50)));
        }
        assertThat(outcome(SoakVerdict.judge(within, Double.NaN, Double.NaN), "delivered p99")).isEqualTo(SoakVerdict.Outcome.FLAT);
        assertThat(outcome(SoakVerdict.judge(beyond, Double.NaN, Double.NaN), "delivered p99")).isEqualTo(SoakVerdict.Outcome.GREW);
    }

    @Test
    void aPlatformFallingBehindTheOpenLoopOrErringIsCaught() {
        List<SoakWindow> windows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            windows.add(window(i, 40, i > 7 ? 30 : 40, 50, i > 7 ? 3 : 0, platform(200, 50)));
        }
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows, Double.NaN, Double.NaN);
        assertThat(outcome(verdict, "acknowledged / offered")).isEqualTo(SoakVerdict.Outcome.GREW);
        assertThat(outcome(verdict, "errors per window")).isEqualTo(SoakVerdict.Outcome.GREW);
    }

    @Test
    void aFigureThePlatformDoesNotExposeIsNotMeasuredRatherThanFlat() {
        SoakVerdict.Verdict verdict = SoakVerdict.judge(windows(10, i -> new PlatformSample(200 * MIB, 0, 80, 1, 10, 50, Double.NaN,
                16 * MIB, 900 * MIB)), Double.NaN, Double.NaN);
        assertThat(outcome(verdict, "open files")).isEqualTo(SoakVerdict.Outcome.NOT_MEASURED);
        assertThat(verdict.flat()).isTrue();
    }

    @Test
    void readsTheResidentSizeFromProcStatus() {
        assertThat(PlatformSample.rssBytes("Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t80\n")).isEqualTo(123456.0 * 1024);
        assertThat(PlatformSample.rssBytes("")).isNaN();
    }

    @Test
    void readsThePlatformFiguresFromItsExposition() {
        PlatformSample sample = PlatformSample.of("""
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9999999.0
                jvm_threads_live_threads 80.0
                hikaricp_connections_active{pool="parley"} 2.0
                hikaricp_connections{pool="parley"} 10.0
                parley_websocket_sessions 50.0
                jvm_buffer_memory_used_bytes{id="direct"} 1048576.0
                jvm_buffer_memory_used_bytes{id="mapped"} 5.0
                """, "VmRSS:\t1024 kB\n");
        assertThat(sample.heapUsedBytes()).isEqualTo(3 * 1048576.0);
        assertThat(sample.threads()).isEqualTo(80);
        assertThat(sample.hikariActive()).isEqualTo(2);
        assertThat(sample.hikariTotal()).as("not the _active series").isEqualTo(10);
        assertThat(sample.webSocketSessions()).isEqualTo(50);
        assertThat(sample.directBytes()).isEqualTo(1048576.0);
        assertThat(sample.liveDataBytes()).as("not exposed").isNaN();
        assertThat(sample.rssBytes()).isEqualTo(1024.0 * 1024);
    }

    @Test
    void parsesTheCommandLine() {
        SoakSettings defaults = SoakSettings.parse(List.of("soak"));
        assertThat(defaults.windows()).isEqualTo(30);
        assertThat(defaults.measuresMaximum()).isTrue();
        SoakSettings given = SoakSettings.parse(List.of("soak", "3", "--rate", "40", "--window", "30"));
        assertThat(given.windows()).isEqualTo(6);
        assertThat(given.rate()).isEqualTo(40);
    }

    private static SoakVerdict.Outcome outcome(SoakVerdict.Verdict verdict, String figure) {
        return verdict.checks().stream().filter(check -> check.rule().figure().equals(figure)).findFirst().orElseThrow().outcome();
    }

    private static List<SoakWindow> windows(int count, IntFunction<PlatformSample> platform) {
        List<SoakWindow> windows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            windows.add(window(i, 40, 40, 50 + (i % 3) * 10, 0, platform.apply(i))); // a little noise in p99
        }
        return windows;
    }

    private static SoakWindow window(int index, double offered, double acked, double deliveredP99, long errors, PlatformSample platform) {
        return new SoakWindow(index, 60, offered, acked, 15, deliveredP99, 20, errors, 0, 0, 3.5, platform);
    }

    /** Heap figures in MiB; everything else steady. */
    private static PlatformSample platform(double liveDataMib, double sessions) {
        return new PlatformSample(400 * MIB, liveDataMib * MIB, 80, 1, 10, sessions, 300, 16 * MIB, 900 * MIB);
    }
}
