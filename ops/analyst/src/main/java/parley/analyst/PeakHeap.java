package parley.analyst;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The most heap the JVM has used so far (sum of the heap pools' peaks), for summaries and benchmarks. */
public final class PeakHeap {

    private PeakHeap() {
    }

    public static long bytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    public static long mebibytes() {
        return bytes() / (1024 * 1024);
    }
}
