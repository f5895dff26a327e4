package parley.command.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.UUID;
import parley.api.privatechat.MessageAccepted;

/**
 * The results of a chat's most recent sends by {@code (sender, clientMessageId)}, so that a retried
 * send returns its first result. Bounded: a client retries within seconds of a lost reply, and a
 * million-message chat's state (and snapshot) must stay small.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RecentSends {

    public static final int WINDOW = 1024;

    private LinkedHashMap<String, MessageAccepted> results = new LinkedHashMap<>();

    public MessageAccepted find(UUID senderId, String clientMessageId) {
        return results.get(key(senderId, clientMessageId));
    }

    public void remember(UUID senderId, String clientMessageId, MessageAccepted result) {
        BoundedMaps.put(results, key(senderId, clientMessageId), result, WINDOW);
    }

    private static String key(UUID senderId, String clientMessageId) {
        return senderId + "/" + clientMessageId;
    }
}
