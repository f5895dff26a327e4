package parley.client.messages;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which messages have been delivered to the listener, by (chatId, seq), so that one arriving both live and by
 * catch-up is delivered once; and the highest seq per chat, where catch-up resumes. Each chat remembers its last
 * {@value #WINDOW} seqs: an older one is taken as already seen.
 */
final class SeenMessages {

    static final int WINDOW = 4096;

    private final Map<String, NavigableSet<Long>> seen = new HashMap<>();
    private final Map<String, Long> highest = new HashMap<>();

    /** True the first time a (chat, seq) is offered. */
    synchronized boolean firstTime(String chatId, long seq) {
        NavigableSet<Long> seqs = seen.computeIfAbsent(chatId, ignored -> new TreeSet<>());
        if (seqs.size() >= WINDOW && seq <= seqs.first()) {
            return false;
        }
        if (!seqs.add(seq)) {
            return false;
        }
        if (seqs.size() > WINDOW) {
            seqs.pollFirst();
        }
        highest.merge(chatId, seq, Math::max);
        return true;
    }

    /** Everything up to {@code seq} counts as known (history from before this client started is not replayed). */
    synchronized void baseline(String chatId, long seq) {
        highest.merge(chatId, seq, Math::max);
    }

    /** The highest seq seen or baselined; 0 for a chat never seen. */
    synchronized long highest(String chatId) {
        return highest.getOrDefault(chatId, 0L);
    }

    synchronized boolean knows(String chatId) {
        return highest.containsKey(chatId);
    }
}
