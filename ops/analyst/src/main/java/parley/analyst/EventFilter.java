package parley.analyst;

import java.time.Instant;
import java.util.Set;

/**
 * Which events a command reads. Every bound is optional ({@code null} or empty means unbounded).
 *
 * @param afterPosition only events with a global index greater than this
 * @param untilPosition only events with a global index up to and including this
 * @param from only events at or after this time
 * @param to only events before this time
 * @param types payload types by simple name ({@code GroupMessageSent}) or full class name
 * @param chatId only this chat's events: its chat aggregate's and its members' receipts ({@code chatId:userId})
 */
public record EventFilter(Long afterPosition, Long untilPosition, Instant from, Instant to, Set<String> types,
                          String chatId) {

    public static EventFilter everything() {
        return new EventFilter(null, null, null, null, Set.of(), null);
    }

    public boolean matchesTime(Instant time) {
        return (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
    }

    public boolean matchesType(StoredEvent event) {
        return types == null || types.isEmpty() || types.contains(event.typeName()) || types.contains(event.payloadType());
    }
}
