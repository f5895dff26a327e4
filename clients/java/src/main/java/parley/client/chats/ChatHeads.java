package parley.client.chats;

import java.util.List;

/** Where a reconnecting inbox learns how far each chat has gone: the live connection's {@code session.heads}. */
@FunctionalInterface
public interface ChatHeads {

    List<ChatHead> heads();
}
