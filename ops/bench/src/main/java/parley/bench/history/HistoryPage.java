package parley.bench.history;

import com.fasterxml.jackson.databind.JsonNode;

/** What a {@code beforeSeq} page must be: exactly {@code pageSize} messages, newest first, with consecutive seqs right below the bound. */
final class HistoryPage {

    private HistoryPage() {
    }

    /** @return null if the page is right, otherwise why not */
    static String problem(JsonNode page, long beforeSeq, int pageSize) {
        JsonNode messages = page.path("messages");
        if (!messages.isArray() || messages.size() != pageSize) {
            return "expected " + pageSize + " messages below " + beforeSeq + ", got " + (messages.isArray() ? messages.size() : "none");
        }
        for (int i = 0; i < pageSize; i++) {
            long seq = messages.get(i).path("seq").asLong(-1);
            if (seq != beforeSeq - 1 - i) {
                return "message " + i + " below " + beforeSeq + " has seq " + seq + ", expected " + (beforeSeq - 1 - i);
            }
        }
        return null;
    }
}
