package parley.query.chat;

/**
 * Which slice of a chat's history a request asks for. {@code afterSeq} reads forwards (oldest
 * first, for catching up); otherwise backwards from {@code beforeSeq}, or from the newest.
 */
record HistoryWindow(Long beforeSeq, Long afterSeq, int limit) {

    boolean forwards() {
        return afterSeq != null;
    }

    long bound() {
        if (forwards()) {
            return afterSeq;
        }
        return beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
    }
}
