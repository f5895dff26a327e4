package parley.bench.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import parley.bench.load.AckedMessage;

/**
 * The acknowledged messages held against what one store holds.
 *
 * @param missing acknowledged messages whose messageId the store does not hold
 * @param mismatched acknowledged messages the store holds under another chat or seq than the acknowledgement said
 * @param duplicated rows beyond the first for one message: the largest of the surplus by messageId, by (chatId, seq)
 *                   and by (chatId, clientMessageId) (a retry stored anew has a new messageId and seq but its old
 *                   clientMessageId)
 * @param rows the rows the store holds for the run's chats
 */
public record Audit(long missing, long mismatched, long duplicated, long rows) {

    public static Audit of(Collection<AckedMessage> acks, List<StoredMessage> stored) {
        Map<UUID, List<StoredMessage>> byMessageId = new HashMap<>();
        for (StoredMessage message : stored) {
            byMessageId.computeIfAbsent(message.messageId(), id -> new ArrayList<>()).add(message);
        }
        long missing = 0;
        long mismatched = 0;
        for (AckedMessage ack : acks) {
            List<StoredMessage> found = byMessageId.get(ack.messageId());
            if (found == null) {
                missing++;
            } else if (found.stream().anyMatch(m -> !m.chatId().equals(ack.chatId()) || m.seq() != ack.seq())) {
                mismatched++;
            }
        }
        long duplicated = Math.max(surplus(stored, StoredMessage::messageId),
                Math.max(surplus(stored, m -> m.chatId() + "/" + m.seq()),
                        surplus(stored.stream().filter(m -> m.clientMessageId() != null).toList(),
                                m -> m.chatId() + "/" + m.clientMessageId())));
        return new Audit(missing, mismatched, duplicated, stored.size());
    }

    /** Messages of {@code reference} (the event store) that {@code stored} (the read tables) does not hold. */
    public static long absent(List<StoredMessage> reference, List<StoredMessage> stored) {
        Set<UUID> held = new HashSet<>();
        stored.forEach(message -> held.add(message.messageId()));
        return reference.stream().map(StoredMessage::messageId).distinct().filter(id -> !held.contains(id)).count();
    }

    private static <K> long surplus(List<StoredMessage> stored, Function<StoredMessage, K> key) {
        return stored.size() - stored.stream().map(key).filter(Objects::nonNull).distinct().count();
    }
}
