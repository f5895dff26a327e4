package parley.client.crypto;

import java.util.Objects;

/**
 * What an envelope is bound to besides its own fields: the chat, the sender (user and device) and the
 * client message id. The ids are the strings as they travel on the wire (UUIDs in lower-case text).
 * A recipient builds it from the server's message event, so an envelope replayed into another chat,
 * under another sender or another client message id fails the signature and the content AD.
 */
public record MessageContext(String chatId, String senderUserId, String senderDeviceId, String clientMessageId) {

    public MessageContext {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(senderUserId, "senderUserId");
        Objects.requireNonNull(senderDeviceId, "senderDeviceId");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
    }
}
