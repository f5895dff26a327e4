package parley.api;

import java.util.UUID;

/** An event that belongs to one chat: it is keyed by {@link #chatId()} on Kafka, so a chat's events stay in order. */
public interface ChatEvent {

    UUID chatId();
}
