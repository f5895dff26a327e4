package parley.bench.load;

import java.util.UUID;

/**
 * One {@code MessageAccepted} the crash scenario received: what the platform promised is durably stored.
 *
 * @param clientMessageId the id the bench sent it under
 * @param chatId, messageId, seq as the reply gave them
 * @param phase when the reply came
 */
public record AckedMessage(String clientMessageId, UUID chatId, UUID messageId, long seq, Phase phase) {

    public enum Phase {
        /** Answered by the platform that was then killed. */
        BEFORE_KILL,
        /** Sent before the kill without a reply, sent again under the same clientMessageId after the restart. */
        RETRIED,
        /** Sent and answered after the restart. */
        AFTER_RESTART
    }
}
