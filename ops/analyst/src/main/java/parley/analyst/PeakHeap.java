package parley.analyst;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap the JVM has used so far, for summaries and benchmarks. The heap is fullest just
 * before a collection, so the peak is the largest total of the heap pools at the start of any
 * collection (each collector reports it), or the heap in use now if that is more. Summing each
 * pool's own peak instead would add peaks of different moments and report more than {@code -Xmx}.
 */
public final class PeakHeap {

    private static final AtomicLong BEFORE_COLLECTIONS = new AtomicLong();

    static {
        // A collection reports every pool, metaspace and code cache included: only the heap's count.
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                            if (heapPools.contains(pool.getKey())) {
                                used += pool.getValue().getUsed();
                            }
                        }
                        BEFORE_COLLECTIONS.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private PeakHeap() {
    }

    /** Starts watching collections; called when a long run starts (the first use does it anyway). */
    public static void watch() {
        // the static initialiser has registered the listeners
    }

    public static long bytes() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Math.max(BEFORE_COLLECTIONS.get(), now);
    }

    public static long mebibytes() {
        return bytes() / (1024 * 1024);
    }
}
