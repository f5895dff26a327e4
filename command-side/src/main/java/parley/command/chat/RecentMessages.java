package parley.command.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.UUID;
import parley.api.Envelope;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

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
        BoundedMaps.put(messages, seq, new Entry(author, false, null, null), WINDOW);
    }

    public void redacted(long seq) {
        messages.computeIfPresent(seq, (key, entry) -> new Entry(entry.author(), true, null, entry.lastEditedAt()));
    }

    public void edited(long seq, Envelope envelope, Instant at) {
        messages.computeIfPresent(seq, (key, entry) -> new Entry(entry.author(), entry.redacted(), digest(envelope), at));
    }

    /**
     * The time to stamp a new edit of {@code seq} with: {@code now}, or a microsecond after the message's last edit
     * when that is not earlier. The read side keeps the edit with the latest time (a redelivered older edit must not
     * win), so edits must be stamped in the order they happen even when this node's clock is behind the node that
     * stamped the previous one (a clock step, NTP slewing, a VM restored from a snapshot).
     */
    public Instant editTime(long seq, Instant now) {
        Entry entry = messages.get(seq);
        Instant last = entry == null ? null : entry.lastEditedAt();
        return last == null || now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
    }

    /**
     * Checks that {@code editorId} may replace the message's envelope; false if the last edit already
     * set exactly this envelope (a resent edit, which changes nothing).
     */
    public boolean requireEditable(long seq, UUID editorId, Envelope envelope) {
        Entry entry = changeable(seq);
        if (!entry.author().equals(editorId)) {
            throw new CommandRejectedException(RejectionCode.FORBIDDEN, "only the sender can edit a message");
        }
        MessageRules.validateEnvelope(envelope);
        return !digest(envelope).equals(entry.lastEditDigest());
    }

    /** A digest rather than the envelope: up to 1,024 envelopes of 64 KiB would make the state (and its snapshot) large. */
    private static String digest(Envelope envelope) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(envelope.json().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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

    /**
     * {@code lastEditDigest}: of the envelope the last edit set; {@code lastEditedAt}: that edit's time. Both null before
     * any edit (and in older snapshots).
     */
    record Entry(UUID author, boolean redacted, String lastEditDigest, Instant lastEditedAt) {
    }
}
