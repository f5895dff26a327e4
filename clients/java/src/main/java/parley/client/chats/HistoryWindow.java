package parley.client.chats;

/**
 * Which page of {@code GET /api/chats/{chatId}/messages}: the newest messages, those before a seq (both newest
 * first) or those after a seq (oldest first, for catching up); {@code minSeq} (optional) asks for a copy of
 * history that already holds that seq (docs/protocol.md).
 */
public record HistoryWindow(Long beforeSeq, Long afterSeq, int limit, Long minSeq) {

    public static final int MAX_LIMIT = 200;

    public HistoryWindow {
        if (beforeSeq != null && afterSeq != null) {
            throw new IllegalArgumentException("beforeSeq and afterSeq exclude each other");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (minSeq != null && minSeq < 1) {
            throw new IllegalArgumentException("minSeq must be at least 1");
        }
    }

    public HistoryWindow(Long beforeSeq, Long afterSeq, int limit) {
        this(beforeSeq, afterSeq, limit, null);
    }

    /** The same page from a copy of history that already holds {@code seq}. */
    public HistoryWindow withMinSeq(long seq) {
        return new HistoryWindow(beforeSeq, afterSeq, limit, seq);
    }

    public static HistoryWindow latest(int limit) {
        return new HistoryWindow(null, null, limit);
    }

    public static HistoryWindow before(long seq, int limit) {
        return new HistoryWindow(seq, null, limit);
    }

    public static HistoryWindow after(long seq, int limit) {
        return new HistoryWindow(null, seq, limit);
    }

    String query() {
        String bound = beforeSeq != null ? "beforeSeq=" + beforeSeq + "&" : afterSeq != null ? "afterSeq=" + afterSeq + "&" : "";
        return "?" + bound + "limit=" + limit + (minSeq == null ? "" : "&minSeq=" + minSeq);
    }
}
