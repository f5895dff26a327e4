package parley.client.chats;

/**
 * Which page of {@code GET /api/chats/{chatId}/messages}: the newest messages, those before a seq (both newest
 * first) or those after a seq (oldest first, for catching up).
 */
public record HistoryWindow(Long beforeSeq, Long afterSeq, int limit) {

    public static final int MAX_LIMIT = 200;

    public HistoryWindow {
        if (beforeSeq != null && afterSeq != null) {
            throw new IllegalArgumentException("beforeSeq and afterSeq exclude each other");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
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
        return "?" + bound + "limit=" + limit;
    }
}
