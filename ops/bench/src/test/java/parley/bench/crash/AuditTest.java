package parley.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.bench.load.AckedMessage;
import parley.bench.load.AckedMessage.Phase;

class AuditTest {

    private static final UUID CHAT = UUID.randomUUID();
    private static final UUID FIRST = UUID.randomUUID();
    private static final UUID SECOND = UUID.randomUUID();
    private static final List<AckedMessage> ACKS = List.of(new AckedMessage("r-1", CHAT, FIRST, 1, Phase.BEFORE_KILL),
            new AckedMessage("r-2", CHAT, SECOND, 2, Phase.RETRIED));

    @Test
    void everyAcknowledgedMessageOnceIsClean() {
        Audit audit = Audit.of(ACKS, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"), new StoredMessage(CHAT, 2, SECOND, "r-2"),
                new StoredMessage(CHAT, 3, UUID.randomUUID(), "r-3")));

        assertThat(audit).isEqualTo(new Audit(0, 0, 0, 3));
    }

    @Test
    void anAcknowledgedMessageNotStoredIsMissing() {
        assertThat(Audit.of(ACKS, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"))).missing()).isEqualTo(1);
    }

    @Test
    void aMessageStoredUnderAnotherSeqThanItsAcknowledgementIsMismatched() {
        Audit audit = Audit.of(ACKS, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"), new StoredMessage(CHAT, 3, SECOND, "r-2")));

        assertThat(audit.mismatched()).isEqualTo(1);
        assertThat(audit.missing()).isZero();
    }

    @Test
    void aRetryStoredAnewIsADuplicateByItsClientMessageId() {
        Audit audit = Audit.of(ACKS, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"), new StoredMessage(CHAT, 2, SECOND, "r-2"),
                new StoredMessage(CHAT, 3, UUID.randomUUID(), "r-2")));

        assertThat(audit.duplicated()).isEqualTo(1);
    }

    @Test
    void twoMessagesUnderOneSeqAreADuplicate() {
        Audit audit = Audit.of(ACKS, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"), new StoredMessage(CHAT, 2, SECOND, "r-2"),
                new StoredMessage(CHAT, 2, UUID.randomUUID(), "r-9")));

        assertThat(audit.duplicated()).isEqualTo(1);
    }

    @Test
    void storedMessagesTheReadTablesLackAreCounted() {
        List<StoredMessage> events = List.of(new StoredMessage(CHAT, 1, FIRST, "r-1"), new StoredMessage(CHAT, 2, SECOND, "r-2"));

        assertThat(Audit.absent(events, List.of(new StoredMessage(CHAT, 1, FIRST, "r-1")))).isEqualTo(1);
        assertThat(Audit.absent(events, events)).isZero();
    }
}
