package parley.api.privatechat;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/** Revision 1. The first event of every private chat; participants are ordered low, high. */
@Revision("1")
public record PrivateChatStarted(UUID chatId, UUID participantLow, UUID participantHigh, Instant startedAt) implements ChatEvent {
}
