package parley.client.messages;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the inbox knows per chat (docs/e2ee.md, "Pushed events are hints"): whether the server confirmed that this
 * user is in it; {@code confirmed}, the catch-up high-water mark, which only server reads move; {@code shown}, the
 * highest seq handed to the listener; and which (seq, messageId) pairs were shown, so that a message arriving
 * both live and by catch-up is shown once, and a forged one that took its seq cannot hide the real one. Each chat
 * remembers its last {@value #WINDOW} seqs: an older one is taken as already shown.
 */
final class ChatMarks {

    static final int WINDOW = 4096;

    private final Set<String> known = new HashSet<>();
    private final Map<String, Long> confirmed = new HashMap<>();
    private final Map<String, Long> shown = new HashMap<>();
    /** Where each chat's history started for this client without history confirming it (the heads, a first push). */
    private final Map<String, Long> baselines = new HashMap<>();
    private final Map<String, NavigableMap<Long, Set<String>>> shownIds = new HashMap<>();

    synchronized boolean known(String chatId) {
        return known.contains(chatId);
    }

    /** The server confirmed that this user is in the chat (the chat list, or a history read answered). */
    synchronized void know(String chatId) {
        known.add(chatId);
    }

    /** Whether {@code seq} is at or below where the chat's history was taken to start, unconfirmed. */
    synchronized boolean belowBaseline(String chatId, long seq) {
        Long baseline = baselines.get(chatId);
        return baseline != null && seq <= baseline;
    }

    /** Whether a message with {@code seq} was shown (or is older than the seqs remembered). */
    synchronized boolean wasShown(String chatId, long seq) {
        NavigableMap<Long, Set<String>> seqs = shownIds.get(chatId);
        return seqs != null && (seqs.containsKey(seq) || olderThanRemembered(seqs, seq));
    }

    /** The window is full and {@code seq} fell out of it: taken as shown, never offered again. */
    private static boolean olderThanRemembered(NavigableMap<Long, Set<String>> seqs, long seq) {
        return seqs.size() >= WINDOW && seq < seqs.firstKey();
    }

    /** A message id as remembered: old servers send none. */
    private static String idKey(String messageId) {
        return messageId == null ? "" : messageId;
    }

    /** This user left or was removed: later events of the chat are confirmed with the server again. */
    synchronized void forget(String chatId) {
        known.remove(chatId);
    }

    /** Everything up to {@code seq} counts as read (history from before this client started is not replayed). */
    synchronized void baseline(String chatId, long seq) {
        known.add(chatId);
        baselines.merge(chatId, seq, Math::max);
        confirm(chatId, seq);
        shown.merge(chatId, seq, Math::max);
    }

    /** History holds everything up to {@code seq}: catch-up resumes after it. */
    synchronized void confirm(String chatId, long seq) {
        confirmed.merge(chatId, seq, Math::max);
    }

    /** The catch-up high-water mark; 0 for a chat never confirmed. */
    synchronized long confirmed(String chatId) {
        return confirmed.getOrDefault(chatId, 0L);
    }

    synchronized long shown(String chatId) {
        return shown.getOrDefault(chatId, 0L);
    }

    /** True the first time a (chat, seq, messageId) is offered; {@code messageId} may be null (old servers). */
    synchronized boolean firstTime(String chatId, long seq, String messageId) {
        NavigableMap<Long, Set<String>> seqs = shownIds.computeIfAbsent(chatId, ignored -> new TreeMap<>());
        if (olderThanRemembered(seqs, seq)) {
            return false;
        }
        if (!seqs.computeIfAbsent(seq, ignored -> new HashSet<>()).add(idKey(messageId))) {
            return false;
        }
        while (seqs.size() > WINDOW) {
            seqs.pollFirstEntry();
        }
        shown.merge(chatId, seq, Math::max);
        return true;
    }
}
