package parley.client.messages;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import parley.client.chats.ChatHead;
import parley.client.chats.ChatHeads;
import parley.client.chats.ChatReads;
import parley.client.chats.GroupMembers;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.events.Events;
import parley.client.events.ReceivedMessage;
import parley.client.http.ApiException;
import parley.client.keys.TrustedDevices;

/**
 * Everything that reaches the listener goes through here, on one thread and therefore in order: live events,
 * connection changes, device-trust changes, and catch-up from history after a reconnect or when a push skips
 * ahead. Messages are shown once per (chatId, seq, messageId), opened first; the listener's exceptions are
 * logged, never propagated.
 *
 * <p>A push is a hint, history is the record (docs/e2ee.md, "Pushed events are hints"): events of a chat the
 * server has not confirmed this user is in are checked with a history read first and dropped if it refuses; a push
 * never moves the catch-up mark, and one that skips ahead is never shown itself, only what history answers.
 *
 * <p>A reconnect catches up to each chat's head as the command side holds it ({@link ChatHeads}), not to the read
 * side's chat list: that list may lag an acknowledged send by seconds (more after a node restart), and what was sent
 * while this client was away and not yet projected when it came back would otherwise wait for the chat's next
 * message (found by the fault suite, issue 16). History is asked with the head as {@code minSeq} (the read side waits
 * for it), and again later while it still falls short.
 */
public final class Inbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Inbox.class.getName());
    private static final int PAGE = HistoryWindow.MAX_LIMIT;
    /** Read history once this many pushed messages are shown beyond the confirmed mark (keeps catch-up short). */
    static final int CONFIRM_EVERY = 100;
    /**
     * The read side may not list a new chat, or hold its first message, for a while after the push (it follows
     * the event stream; on a loaded server, for many seconds): how long to ask again before dropping an event of
     * a chat history does not confirm. About a minute in all.
     */
    static final long[] CONFIRMATION_RETRY_MILLIS = {200, 500, 1000, 2000, 4000, 8000, 15000, 30000};
    /** An announcement's directory read may lag the push: when to read again. */
    private static final long[] ANNOUNCEMENT_RECHECK_MILLIS = {250, 1000, 3000};

    private final String me;
    private final MessageOpener opener;
    private final ChatReads chats;
    private final ChatHeads heads;
    private final TrustedDevices devices;
    private final GroupMembers groups;
    private final Consumer<ChatEvent> listener;
    private final BiConsumer<String, Long> delivered;
    private final ChatMarks marks = new ChatMarks();
    private final UnlistedSenders unlisted = new UnlistedSenders();
    private final long[] confirmationRetryMillis;
    /**
     * Pushes of a chat whose first push history has not confirmed yet, held in order behind it: whichever
     * confirmation answered first would otherwise set the chat's baseline past the others.
     */
    private final Map<String, List<JsonNode>> heldUntilConfirmed = new HashMap<>();
    /**
     * Chats with a push below the first baseline that history does not hold yet: their later pushes wait behind it
     * (in {@link #heldUntilConfirmed}), in order and without a history read each.
     */
    private final Set<String> awaitingBelowBaseline = new HashSet<>();
    /** Chats whose last confirmation failed: how many in a row, and not to be asked again before (nanoTime). */
    private final Map<String, FailedConfirmations> failedConfirmations = new HashMap<>();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread daemon = new Thread(runnable, "parley-inbox");
        daemon.setDaemon(true);
        return daemon;
    });

    /** @param delivered told (chatId, seq) of each message from someone else, to acknowledge delivery */
    public Inbox(String me, MessageOpener opener, ChatReads chats, ChatHeads heads, TrustedDevices devices,
                 GroupMembers groups, Consumer<ChatEvent> listener, BiConsumer<String, Long> delivered) {
        this(me, opener, chats, heads, devices, groups, listener, delivered, CONFIRMATION_RETRY_MILLIS);
    }

    /**
     * @param confirmationRetryMillis the pauses between history's confirmations of a chat's first push, and between
     *     catch-ups to a head history does not hold yet
     */
    Inbox(String me, MessageOpener opener, ChatReads chats, ChatHeads heads, TrustedDevices devices, GroupMembers groups,
          Consumer<ChatEvent> listener, BiConsumer<String, Long> delivered, long[] confirmationRetryMillis) {
        this.confirmationRetryMillis = confirmationRetryMillis.clone();
        this.me = me;
        this.opener = opener;
        this.chats = chats;
        this.heads = heads;
        this.devices = devices;
        this.groups = groups;
        this.listener = listener;
        this.delivered = delivered;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        devices.onChange(this::notice);
    }

    public void live(JsonNode event) {
        thread.execute(() -> guarded("live event", () -> handle(event, 0)));
    }

    /** An event produced by the client itself (e.g. a device-trust change noticed while sending), in order. */
    public void notice(ChatEvent event) {
        thread.execute(() -> emit(event));
    }

    /** After the first connection only chats new to this client are read from history; after a reconnect, all gaps. */
    public void connected(boolean reconnected) {
        thread.execute(() -> {
            emit(new ChatEvent.ConnectionChanged(true, false, reconnected ? "reconnected" : "connected"));
            if (reconnected) {
                catchUpAll(0);
            } else {
                guarded("baseline", this::baseline);
            }
        });
    }

    public void disconnected(String reason, boolean retrying) {
        thread.execute(() -> emit(new ChatEvent.ConnectionChanged(false, retrying, reason)));
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow(); // e.g. a message waiting for its sender's device to be listed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(JsonNode json, int attempt) {
        if (Events.isMessage(json)) {
            pushed(ReceivedMessage.fromJson(json), json, attempt);
            return;
        }
        String chatId = chatOf(json);
        if (chatId != null && !marks.known(chatId) && !confirmedMember(chatId)) {
            retryOrDrop(json, attempt, chatId);
            return;
        }
        if (Events.isEdit(json)) {
            emit(edited(opener.open(ReceivedMessage.fromEditEvent(json))));
            return;
        }
        ChatEvent event = parse(json);
        apply(event);
        emit(event);
    }

    private void pushed(ReceivedMessage message, JsonNode json, int attempt) {
        String chatId = message.chatId();
        long seq = message.seq();
        if (attempt == 0 && awaitingBelowBaseline.contains(chatId)) {
            heldUntilConfirmed.computeIfAbsent(chatId, ignored -> new ArrayList<>()).add(json);
            return;
        }
        if (!marks.known(chatId)) {
            if (attempt == 0 && heldUntilConfirmed.containsKey(chatId)) {
                heldUntilConfirmed.get(chatId).add(json);
                return;
            }
            heldUntilConfirmed.putIfAbsent(chatId, new ArrayList<>());
            firstOfChat(message, json, attempt);
        } else if (seq <= marks.confirmed(chatId) && marks.belowBaseline(chatId, seq)) {
            belowBaseline(message, json, attempt);
        } else if (seq <= marks.confirmed(chatId)) {
            alreadyConfirmed(chatId, seq);
        } else if (seq <= marks.shown(chatId) + 1) {
            deliver(message);
            if (marks.shown(chatId) - marks.confirmed(chatId) >= CONFIRM_EVERY) {
                confirm(chatId);
            }
        } else {
            // skips ahead: a gap, or a forged seq; only history's answer is shown and moves the mark
            guarded("gap fill of " + chatId, () -> catchUp(chatId, seq));
            // history may not hold it yet (the read side lags the push): asked again, else the last message of a
            // burst would wait for the next push of its chat
            if (marks.confirmed(chatId) < seq && !retryLater(json, attempt)) {
                LOG.log(Level.WARNING, "a pushed message {0} seq {1} is not in history: ignored", chatId, seq);
            }
        }
        if (marks.known(chatId) && !awaitingBelowBaseline.contains(chatId)) {
            // the chat became known another way (a catch-up) while pushes were held. Not while its first push still
            // awaits history's confirmation: a later push released now would set the baseline past the first one
            releaseHeld(chatId);
        }
    }

    /**
     * History's mark is past the push. Shown already, as it should be; if not, the history read that moved the mark
     * lacked it (nothing else moves the mark past a seq unshown above the baseline): said, since it is lost to this
     * client.
     */
    private void alreadyConfirmed(String chatId, long seq) {
        if (marks.wasShown(chatId, seq)) {
            LOG.log(Level.DEBUG, "push of {0} seq {1} already confirmed by history", chatId, seq);
        } else {
            LOG.log(Level.WARNING, "a pushed message {0} seq {1} was never shown, yet history was read past it: ignored",
                    chatId, seq);
        }
    }

    /**
     * The first baseline is the heads as read after subscribing: a message acknowledged in between is below it, yet new
     * to this client (pushes carry what was acknowledged while it listened). History from its seq up to the baseline
     * is shown (one read for the pushes queued behind it), asked again on the confirmation schedule while the read side
     * does not hold it yet (it answers a {@code minSeq} with what it has after a short wait).
     */
    private void belowBaseline(ReceivedMessage message, JsonNode json, int attempt) {
        String chatId = message.chatId();
        if (marks.wasShown(chatId, message.seq()) || showUpToBaseline(message)) {
            awaitingBelowBaseline.remove(chatId);
        } else if (retryLater(json, attempt)) {
            awaitingBelowBaseline.add(chatId);
        } else {
            awaitingBelowBaseline.remove(chatId);
            LOG.log(Level.WARNING, "a pushed message {0} seq {1} below the first baseline is not in history: ignored", chatId,
                    message.seq());
        }
    }

    /** History from the pushed message's seq up to the chat's baseline, shown; false if history does not hold that seq. */
    private boolean showUpToBaseline(ReceivedMessage message) {
        String chatId = message.chatId();
        List<ReceivedMessage> page;
        try {
            page = chats.messages(chatId, HistoryWindow.after(message.seq() - 1, PAGE).withMinSeq(message.seq()));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "history of " + chatId + " below the baseline could not be read", e);
            return false;
        }
        if (page.isEmpty() || page.get(0).seq() != message.seq()) {
            return false;
        }
        page.stream().filter(stored -> marks.belowBaseline(chatId, stored.seq())).forEach(this::deliver);
        return true;
    }

    /**
     * History's confirmation of what the pushes showed. After a failure (the read side down or refusing) it is not
     * asked again before the confirmation schedule's next pause, longer at each failure in a row: else every push of a
     * busy chat would send it one more read, and one more warning, while it is away, and flood it as it comes back.
     */
    private void confirm(String chatId) {
        FailedConfirmations failed = failedConfirmations.get(chatId);
        if (failed != null && System.nanoTime() - failed.notBefore() < 0) {
            return;
        }
        try {
            catchUp(chatId, null);
            failedConfirmations.remove(chatId);
        } catch (RuntimeException e) {
            int inARow = failed == null ? 1 : failed.inARow() + 1;
            long pause = confirmationRetryMillis[Math.min(inARow, confirmationRetryMillis.length) - 1];
            failedConfirmations.put(chatId, new FailedConfirmations(inARow, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause)));
            LOG.log(Level.WARNING, "confirmation of " + chatId + " failed (" + inARow + " in a row; not asked again for " + pause
                    + " ms)", e);
        }
    }

    private record FailedConfirmations(int inARow, long notBefore) {
    }

    /**
     * A message of a chat not confirmed yet: the server's history must hold it. It answers 404 for a chat this user
     * is not in (a forged event), and the read side may not list a member just added for a moment.
     */
    private void firstOfChat(ReceivedMessage message, JsonNode json, int attempt) {
        String chatId = message.chatId();
        List<ReceivedMessage> page;
        try {
            page = chats.messages(chatId, HistoryWindow.before(message.seq() + 1, 1).withMinSeq(message.seq()));
        } catch (ApiException refused) {
            // 404/403: not listed as a member (yet); anything else (busy, a timeout) is worth asking again too
            unconfirmed(json, attempt, chatId, "history refused it (" + refused.status() + ")");
            return;
        }
        ReceivedMessage stored = page.isEmpty() ? null : page.get(0);
        if (stored != null && stored.seq() == message.seq()) {
            marks.baseline(chatId, message.seq() - 1);
            deliver(stored);
            marks.confirm(chatId, message.seq());
            releaseHeld(chatId);
        } else if (stored == null || stored.seq() < message.seq()) {
            unconfirmed(json, attempt, chatId, "history does not hold it yet");
        } else {
            // history holds a later message but not this seq: a push history contradicts; only history counts
            marks.baseline(chatId, stored.seq());
            LOG.log(Level.WARNING, "a pushed message {0} seq {1} is not in history: ignored", chatId, message.seq());
            releaseHeld(chatId);
        }
    }

    private void unconfirmed(JsonNode json, int attempt, String chatId, String why) {
        if (!retryLater(json, attempt)) {
            LOG.log(Level.WARNING, "a pushed message of chat {0} was ignored: {1}", chatId, why);
            releaseHeld(chatId);
        }
    }

    /** The pushes held behind a chat's first, now that it is settled: each takes its turn in order. */
    private void releaseHeld(String chatId) {
        List<JsonNode> held = heldUntilConfirmed.remove(chatId);
        if (held != null) {
            held.forEach(json -> handle(json, 0));
        }
    }

    private boolean confirmedMember(String chatId) {
        try {
            chats.messages(chatId, HistoryWindow.latest(1));
            marks.know(chatId);
            return true;
        } catch (ApiException refused) {
            if (refused.status() == 404 || refused.status() == 403) {
                return false;
            }
            throw refused;
        }
    }

    private void retryOrDrop(JsonNode json, int attempt, String chatId) {
        if (!retryLater(json, attempt)) {
            LOG.log(Level.WARNING, "a {0} event for chat {1}, which this user is not in, was ignored",
                    json.path("type").asText(), chatId);
        }
    }

    /** Looks at an event history has not confirmed again later; false once the retries are spent. */
    private boolean retryLater(JsonNode json, int attempt) {
        return later(attempt, () -> guarded("live event", () -> handle(json, attempt + 1)));
    }

    /** Runs {@code work} on the inbox's thread after the pause of this {@code attempt}; false once the pauses are spent. */
    private boolean later(int attempt, Runnable work) {
        if (attempt >= confirmationRetryMillis.length) {
            return false;
        }
        thread.schedule(work, confirmationRetryMillis[attempt], TimeUnit.MILLISECONDS);
        return true;
    }

    private static String chatOf(JsonNode json) {
        JsonNode chat = json.hasNonNull("chatId") ? json.get("chatId") : json.get("groupId");
        return chat == null || chat.isNull() ? null : chat.asText();
    }

    private static ChatEvent edited(ChatEvent opened) {
        if (opened instanceof ChatEvent.MessageDecrypted edit) {
            return new ChatEvent.MessageEdited(edit.chatId(), edit.seq(), edit.senderId(), edit.text(), edit.sentAt());
        }
        return opened;
    }

    private static ChatEvent parse(JsonNode json) {
        try {
            return Events.parse(json);
        } catch (IllegalArgumentException malformed) {
            return new ChatEvent.Unknown(json.path("type").asText(), json.toString());
        }
    }

    /** Caches follow the events before the listener sees them, so its reaction already uses fresh data. */
    private void apply(ChatEvent event) {
        if (event instanceof ChatEvent.DeviceListChanged changed) {
            devices.announced(changed.userId());
            verifyAnnouncement(changed.userId(), 0);
        } else if (event instanceof ChatEvent.MemberAdded added) {
            groups.added(added.groupId(), added.userId());
        } else if (event instanceof ChatEvent.MemberRemoved removed) {
            groups.removed(removed.groupId(), removed.userId(), me);
            if (removed.userId().equals(me)) {
                marks.forget(removed.groupId());
                // its later events are checked as a new chat's: none may wait behind a push below the old baseline
                awaitingBelowBaseline.remove(removed.groupId());
            }
        }
    }

    /** The directory read that confirms an announcement, again a few times while it shows no change yet. */
    private void verifyAnnouncement(String userId, int attempt) {
        boolean changed = devices.verifyAnnouncement(userId);
        if (!changed && devices.isAnnounced(userId) && attempt < ANNOUNCEMENT_RECHECK_MILLIS.length) {
            thread.schedule(() -> guarded("device announcement of " + userId, () -> verifyAnnouncement(userId, attempt + 1)),
                    ANNOUNCEMENT_RECHECK_MILLIS[attempt], TimeUnit.MILLISECONDS);
        }
    }

    private void baseline() {
        for (ChatHead head : heads.heads()) {
            marks.baseline(head.chatId(), head.lastSeq());
        }
    }

    /** Every chat to its head; the heads asked again later if the connection could not answer now. */
    private void catchUpAll(int attempt) {
        List<ChatHead> now;
        try {
            now = heads.heads();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the chat heads for the catch-up could not be read (attempt " + attempt + ")", e);
            later(attempt, () -> catchUpAll(attempt + 1));
            return;
        }
        for (ChatHead head : now) {
            marks.know(head.chatId());
            catchUpTo(head.chatId(), head.lastSeq(), 0);
        }
    }

    /** History up to {@code head}, which was acknowledged: asked again while the read side does not hold it yet. */
    private void catchUpTo(String chatId, long head, int attempt) {
        if (marks.confirmed(chatId) >= head) {
            return;
        }
        guarded("catch-up of " + chatId, () -> catchUp(chatId, head));
        if (marks.confirmed(chatId) < head) {
            later(attempt, () -> catchUpTo(chatId, head, attempt + 1));
        }
    }

    /** Reads history after the confirmed mark and shows what it holds; only this moves the mark. */
    private void catchUp(String chatId, Long minSeq) {
        HistoryWindow window = HistoryWindow.after(marks.confirmed(chatId), PAGE);
        if (minSeq != null) {
            window = window.withMinSeq(minSeq);
        }
        while (true) {
            List<ReceivedMessage> page = chats.messages(chatId, window);
            page.forEach(this::deliver);
            if (!page.isEmpty()) {
                marks.confirm(chatId, page.get(page.size() - 1).seq());
            }
            if (page.size() < PAGE) {
                return;
            }
            window = HistoryWindow.after(page.get(page.size() - 1).seq(), PAGE);
        }
    }

    private void deliver(ReceivedMessage message) {
        if (!marks.firstTime(message.chatId(), message.seq(), message.messageId())) {
            return;
        }
        emit(open(message));
        if (!message.senderId().equals(me)) {
            delivered.accept(message.chatId(), message.seq());
        }
    }

    /**
     * Opens the message, and again after each pause of the confirmation schedule while its sender's device is not in the
     * directory yet ({@link UnlistedSenders}). It waits on the inbox's thread: the chat's later messages, and the other
     * chats', stay behind it in order, as they would behind a slow history read.
     */
    private ChatEvent open(ReceivedMessage message) {
        ChatEvent opened = opener.open(message);
        if (UnlistedSenders.senderNotListed(opened) && unlisted.worthWaitingFor(message)) {
            for (int attempt = 0; attempt < confirmationRetryMillis.length && UnlistedSenders.senderNotListed(opened); attempt++) {
                if (!pause(confirmationRetryMillis[attempt])) {
                    break;
                }
                opened = opener.open(message);
            }
        }
        unlisted.settled(message, opened);
        return opened;
    }

    /** False if the inbox is closing. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void emit(ChatEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the event listener threw on " + event.getClass().getSimpleName(), e);
        }
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }
}
