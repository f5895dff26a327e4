package parley.bench.sessions;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Which receiving session got which message, and how long after its send. A message is expected on
 * every session of its sender and of its recipient (the events queue reaches all of a user's sessions);
 * thread-safe, fed from the WebSocket reader threads.
 */
final class DeliveryTally {

    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<String, Integer> expectedSessions = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> receivedBySession = new ConcurrentHashMap<>();
    private final AtomicLong duplicated = new AtomicLong();
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);

    /** Call before the send, so that a fast delivery finds its start time. */
    void sending(String clientMessageId, long nanos, int receivingSessions) {
        sentNanos.put(clientMessageId, nanos);
        expectedSessions.put(clientMessageId, receivingSessions);
    }

    /** The send was refused or failed: no delivery is expected for it. */
    void notSent(String clientMessageId) {
        expectedSessions.remove(clientMessageId);
    }

    /** A {@code MessageReceived} for {@code clientMessageId} arrived on session {@code sessionIndex}. */
    void received(int sessionIndex, String clientMessageId, long nanos) {
        Long sent = sentNanos.get(clientMessageId);
        if (sent == null) {
            return; // not one of this run's messages (none should exist: the users are new)
        }
        if (!receivedBySession.computeIfAbsent(sessionIndex, i -> ConcurrentHashMap.newKeySet()).add(clientMessageId)) {
            duplicated.incrementAndGet();
            return;
        }
        synchronized (latencyMicros) {
            latencyMicros.recordValue(Math.min(Math.max(0, (nanos - sent) / 1000), latencyMicros.getHighestTrackableValue()));
        }
    }

    /** The send's start, for the reply's latency; null if it is not one of this run's messages. */
    Long sentAt(String clientMessageId) {
        return sentNanos.get(clientMessageId);
    }

    long expected() {
        return expectedSessions.values().stream().mapToLong(Integer::longValue).sum();
    }

    long delivered() {
        long delivered = 0;
        for (Set<String> messages : receivedBySession.values()) {
            delivered += messages.stream().filter(expectedSessions::containsKey).count();
        }
        return delivered;
    }

    long lost() {
        return expected() - delivered();
    }

    long duplicated() {
        return duplicated.get();
    }

    Histogram latencyMicros() {
        synchronized (latencyMicros) {
            return latencyMicros.copy();
        }
    }
}
