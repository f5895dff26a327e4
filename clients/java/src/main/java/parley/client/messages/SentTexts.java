package parley.client.messages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plaintexts this device sent recently, by clientMessageId. The sending device is not among its own
 * recipients, so this is how it shows its own messages when the server echoes them back.
 */
public final class SentTexts {

    private static final int CAPACITY = 1024;

    private final Map<String, String> texts = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The clientMessageId an edit of message {@code seq} is sealed under (docs/e2ee.md "Edits"). */
    public static String editContextId(long seq) {
        return "edit/" + seq;
    }

    /** Where this device keeps the text of its own edit, since an edit's context id repeats across chats. */
    public static String editKey(String chatId, long seq) {
        return chatId + "|" + editContextId(seq);
    }

    public synchronized void remember(String clientMessageId, String text) {
        texts.put(clientMessageId, text);
    }

    public synchronized String get(String clientMessageId) {
        return texts.get(clientMessageId);
    }
}
