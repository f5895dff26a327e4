package parley.command.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.UUID;
import parley.api.Envelope;

/**
 * Who wrote each of a chat's most recent messages, and which were redacted: what an edit or a
 * redaction needs to decide. Bounded, so older messages can no longer be changed (a product rule,
 * like other messengers' edit windows) and a long chat's state stays small.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RecentMessages {

    public static final int WINDOW = 1024;

    private LinkedHashMap<Long, Entry> messages = new LinkedHashMap<>();

    public void sent(long seq, UUID author) {
        BoundedMaps.put(messages, seq, new Entry(author, false), WINDOW);
    }

    public void redacted(long seq) {
        messages.computeIfPresent(seq, (key, entry) -> new Entry(entry.author(), true));
    }

    /** Checks that {@code editorId} may replace the message's envelope. */
    public void requireEditable(long seq, UUID editorId, Envelope envelope) {
        Entry entry = changeable(seq);
        if (!entry.author().equals(editorId)) {
            throw new CommandRejectedException(RejectionCode.FORBIDDEN, "only the sender can edit a message");
        }
        MessageRules.validateEnvelope(envelope);
    }

    /**
     * Whether the message is still to be redacted: false if it already was (a retry). The author may
     * redact, and so may a moderator when {@code moderator} is true.
     */
    public boolean requireRedactable(long seq, UUID redactorId, boolean moderator) {
        Entry entry = messages.get(seq);
        if (entry != null && entry.redacted()) {
            return false;
        }
        entry = changeable(seq);
        if (!entry.author().equals(redactorId) && !moderator) {
            throw new CommandRejectedException(RejectionCode.FORBIDDEN, "only the sender or a group admin can redact a message");
        }
        return true;
    }

    private Entry changeable(long seq) {
        Entry entry = messages.get(seq);
        if (entry == null) {
            throw new CommandRejectedException(RejectionCode.MESSAGE_NOT_EDITABLE,
                    "message " + seq + " does not exist or is too old to change (the last " + WINDOW + " messages can be)");
        }
        if (entry.redacted()) {
            throw new CommandRejectedException(RejectionCode.MESSAGE_NOT_EDITABLE, "message " + seq + " was redacted");
        }
        return entry;
    }

    record Entry(UUID author, boolean redacted) {
    }
}
