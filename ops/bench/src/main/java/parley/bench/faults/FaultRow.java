package parley.bench.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fault's outcome, one row of the suite's table.
 *
 * @param sent sends the clients started
 * @param acknowledged sends acknowledged ({@code MessageAccepted})
 * @param acknowledgedDuringOutage of those, sends started between the injection and the heal
 * @param lost acknowledged messages the event store or the read tables lack (or hold under another chat or seq), and
 *             stored messages the read tables lack
 * @param duplicated rows beyond the first for one message, in the event store and in the read tables
 * @param deliveriesMissingAfterHeal (message sent after the heal and acknowledged × other member) the SDK's listener
 *                                   never saw: what the issue promises
 * @param deliveriesMissing the same over every acknowledged message, those sent before and during the fault too
 *                          (their pushes may be lost with a node; the SDK's catch-up from history should bring them)
 * @param deliveriesDuplicated messages the listener saw twice
 * @param outOfOrder messages the listener saw after a later one of the same chat
 * @param replayDifferences where the read tables (members counts, watermarks, histories) differ from a from-scratch
 *                          replay of the event store after the fault ({@code ./parley analyst verify}); empty when equal
 * @param injectToAck from the injection to the acknowledgement of the first send started after it
 * @param healToAck from the heal to the acknowledgement of the first send started after it
 * @param healToReady from the heal to the readiness probe answering UP
 * @param resumed the sends started after the heal reached the run's count of acknowledgements within the bound (one
 *                acknowledgement is not a recovery: a node that refuses most sends for the length of a clock step has
 *                not recovered)
 * @param clientErrors sends that failed at the client (rejected, timed out, session ended), by kind
 */
public record FaultRow(String fault, long sent, long acknowledged, long acknowledgedDuringOutage, long lost, long duplicated,
        long deliveriesMissingAfterHeal, long deliveriesMissing, long deliveriesDuplicated, long outOfOrder,
        List<String> replayDifferences, Optional<Duration> injectToAck,
        Optional<Duration> healToAck, Optional<Duration> healToReady, boolean resumed, Map<String, Long> clientErrors) {

    public long errors() {
        return clientErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The platform answered again on its own: ready, and the sends started after the heal acknowledged as before. */
    public boolean recovered() {
        return healToReady.isPresent() && healToAck.isPresent() && resumed;
    }

    /**
     * Nothing acknowledged lost or doubled in the stores and read tables, every acknowledged message (before, during
     * and after the fault; the SDK's catch-up included) delivered once to every other member and in order, the read
     * tables equal to a replay, and recovered.
     */
    public boolean passed() {
        return lost == 0 && duplicated == 0 && deliveriesMissing == 0 && deliveriesDuplicated == 0 && outOfOrder == 0
                && replayDifferences.isEmpty() && recovered();
    }
}
