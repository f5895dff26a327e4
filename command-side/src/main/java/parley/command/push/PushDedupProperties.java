package parley.command.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What live push remembers so that a repeated record is never pushed twice (an idempotent consumer,
 * ADR 0021). The stream repeats records when the publisher re-publishes a batch Kafka did not
 * acknowledge in time, or when the push consumer re-reads after a rebalance; both happen most when
 * the node is starved of CPU.
 *
 * @param chats how many chats' highest pushed message seq are kept (one small entry per active chat;
 *     100,000 cost about 10 MiB); a chat forgotten here pushes its next record, repeated or not
 * @param eventIds how many ids of other pushed events (receipts, edits, membership, devices) are kept
 * @param forgetAfter an entry untouched this long is dropped: repeats arrive within seconds or minutes
 *     of the original (a retried batch, a re-read poll), never an hour later
 */
@ConfigurationProperties("parley.push.dedup")
record PushDedupProperties(@DefaultValue("100000") int chats, @DefaultValue("100000") int eventIds,
        @DefaultValue("1h") Duration forgetAfter) {

    PushDedupProperties {
        if (chats < 1 || eventIds < 1) {
            throw new IllegalArgumentException("parley.push.dedup.chats and .event-ids must be positive");
        }
        if (forgetAfter == null || forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("parley.push.dedup.forget-after must be positive");
        }
    }

    static PushDedupProperties defaults() {
        return new PushDedupProperties(100_000, 100_000, Duration.ofHours(1));
    }
}
