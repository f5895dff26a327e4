package parley.client.messages;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import parley.client.chats.ChatSummary;
import parley.client.chats.ChatsApi;
import parley.client.chats.GroupMembers;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.events.Events;
import parley.client.events.ReceivedMessage;
import parley.client.keys.DeviceDirectory;

/**
 * Everything that reaches the listener goes through here, on one thread and therefore in order: live events,
 * connection changes, and catch-up from history after a reconnect (or when a live message shows a gap).
 * Messages are delivered once per (chatId, seq), opened first; the listener's exceptions are logged, never
 * propagated.
 */
public final class Inbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Inbox.class.getName());
    private static final int PAGE = HistoryWindow.MAX_LIMIT;

    private final String me;
    private final MessageOpener opener;
    private final ChatsApi chats;
    private final DeviceDirectory directory;
    private final GroupMembers groups;
    private final Consumer<ChatEvent> listener;
    private final BiConsumer<String, Long> delivered;
    private final SeenMessages seen = new SeenMessages();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread daemon = new Thread(runnable, "parley-inbox");
        daemon.setDaemon(true);
        return daemon;
    });

    /** @param delivered told (chatId, seq) of each message from someone else, to acknowledge delivery */
    public Inbox(String me, MessageOpener opener, ChatsApi chats, DeviceDirectory directory, GroupMembers groups,
          Consumer<ChatEvent> listener, BiConsumer<String, Long> delivered) {
        this.me = me;
        this.opener = opener;
        this.chats = chats;
        this.directory = directory;
        this.groups = groups;
        this.listener = listener;
        this.delivered = delivered;
    }

    public void live(JsonNode event) {
        thread.execute(() -> guarded("live event", () -> handle(event)));
    }

    /** After the first connection only chats new to this client are read from history; after a reconnect, all gaps. */
    public void connected(boolean reconnected) {
        thread.execute(() -> {
            emit(new ChatEvent.ConnectionChanged(true, false, reconnected ? "reconnected" : "connected"));
            guarded(reconnected ? "catch-up" : "baseline", reconnected ? this::catchUpAll : this::baseline);
        });
    }

    public void disconnected(String reason, boolean retrying) {
        thread.execute(() -> emit(new ChatEvent.ConnectionChanged(false, retrying, reason)));
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(JsonNode json) {
        if (Events.isMessage(json)) {
            ReceivedMessage message = ReceivedMessage.fromJson(json);
            if (seen.knows(message.chatId()) && message.seq() > seen.highest(message.chatId()) + 1) {
                // live push is best effort: fill the gap from history first, but never lose this message over it
                // (the read side may not list a member just added yet, and answers 404 for a moment)
                guarded("gap fill of " + message.chatId(), () -> catchUp(message.chatId()));
            }
            deliver(message);
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
            directory.invalidate(changed.userId());
        } else if (event instanceof ChatEvent.MemberAdded added) {
            groups.added(added.groupId(), added.userId());
        } else if (event instanceof ChatEvent.MemberRemoved removed) {
            groups.removed(removed.groupId(), removed.userId(), me);
        }
    }

    private void baseline() {
        for (ChatSummary chat : chats.chats()) {
            seen.baseline(chat.chatId(), chat.lastSeq());
        }
    }

    private void catchUpAll() {
        for (ChatSummary chat : chats.chats()) {
            if (chat.lastSeq() > seen.highest(chat.chatId())) {
                guarded("catch-up of " + chat.chatId(), () -> catchUp(chat.chatId()));
            }
        }
    }

    private void catchUp(String chatId) {
        long after = seen.highest(chatId);
        while (true) {
            List<ReceivedMessage> page = chats.messages(chatId, HistoryWindow.after(after, PAGE));
            page.forEach(this::deliver);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    private void deliver(ReceivedMessage message) {
        if (!seen.firstTime(message.chatId(), message.seq())) {
            return;
        }
        emit(opener.open(message));
        if (!message.senderId().equals(me)) {
            delivered.accept(message.chatId(), message.seq());
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
