package parley.query.chat;

import java.util.List;

/** @param nextCursor the value for the same cursor parameter to read the next page; null at the end */
record MessagePage(List<MessageView> messages, Long nextCursor) {
}
