package parley.query.chat;

/**
 * What a caller may read of a chat: its kind, and the seq after which its history is theirs (a
 * group member sees the messages sent after they joined).
 */
record ChatAccess(String type, long visibleAfterSeq) {
}
