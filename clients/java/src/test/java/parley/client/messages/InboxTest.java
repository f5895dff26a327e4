package parley.client.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.chats.ChatHead;
import parley.client.chats.ChatHeads;
import parley.client.chats.ChatReads;
import parley.client.chats.GroupMembers;
import parley.client.chats.HistoryWindow;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.crypto.RecipientDevice;
import parley.client.events.ChatEvent;
import parley.client.events.ReceivedMessage;
import parley.client.events.UndecryptableReason;
import parley.client.http.ApiException;
import parley.client.http.JsonHttp;
import parley.client.keys.DevicePins;
import parley.client.keys.PublishedDevice;
import parley.client.keys.TrustedDevices;

/**
 * Issue 12, point 1 (client side): pushed frames are hints, history is the record. The frames come from the test
 * as the live connection would hand them over; history is an in-memory server that refuses chats Alice is not in,
 * as the query side does. Every pushed message is a correctly signed envelope from Bob, the worst case: a forger
 * replaying a real envelope under another seq or chat.
 */
class InboxTest {

    private static final String ALICE = "00000000-0000-7000-8000-00000000000a";
    private static final String BOB = "00000000-0000-7000-8000-00000000000b";
    private static final String CAROL = "00000000-0000-7000-8000-00000000000c";
    private static final String CHAT = PrivateChatIds.of(ALICE, BOB);
    private static final String FOREIGN = PrivateChatIds.of(BOB, CAROL);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path keys;

    /** The client's minute of confirmations, shortened: what is checked is how often, not how long. */
    private static final long[] CONFIRMATION_RETRY_MILLIS = {10, 20, 40, 80};

    private final LocalDevice alice = new LocalDevice(ALICE, "laptop", DeviceIdentity.generate());
    private final LocalDevice bob = new LocalDevice(BOB, "phone", DeviceIdentity.generate());
    private final FakeHistory history = new FakeHistory();
    private final List<ChatEvent> shown = new CopyOnWriteArrayList<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** How many of the next reads of Bob's devices the directory refuses (429, the per-user read limit). */
    private final AtomicInteger bobRefusals = new AtomicInteger();
    private final AtomicInteger bobReads = new AtomicInteger();
    private Inbox inbox;

    @BeforeEach
    void start() {
        Map<String, List<PublishedDevice>> directory = Map.of(ALICE, List.of(published(alice)), BOB, List.of(published(bob)));
        TrustedDevices devices = new TrustedDevices(userId -> {
                    if (userId.equals(BOB) && bobReads.incrementAndGet() > 0 && bobRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new ApiException("GET /api/users/" + BOB + "/devices", 429, null);
                    }
                    return Optional.ofNullable(directory.get(userId));
                },
                DevicePins.of(keys, ALICE, "laptop"), published(alice), Clock.systemUTC());
        inbox = new Inbox(ALICE, new MessageOpener(alice, devices, new SentTexts()), history, history, devices, new GroupMembers(null),
                shown::add, (chatId, seq) -> acknowledged.add(chatId + "#" + seq), CONFIRMATION_RETRY_MILLIS);
        history.member(CHAT);
        history.store(message(CHAT, 1, "m1", "before the client started"));
        inbox.connected(false);
        eventually("connected", () -> shown.stream().anyMatch(ChatEvent.ConnectionChanged.class::isInstance));
        // the connected event is shown before the baseline reads the chat list: a test storing more history before
        // that read would move the baseline past what it then pushes
        eventually("the baseline read the chat heads", () -> history.headReads() > 0);
    }

    @AfterEach
    void stop() {
        inbox.close();
    }

    @Test
    void aForgedPushWithAHugeSeqIsNotShownAndDoesNotStopCatchUp() {
        inbox.live(message(CHAT, 1_000_000, "forged", "forged, seq one million"));
        JsonNode second = message(CHAT, 2, "m2", "the real second message");
        history.store(second);
        inbox.live(second);
        awaitText("the real second message");

        history.store(message(CHAT, 3, "m3", "sent while the connection was down"));
        inbox.disconnected("lost", true);
        inbox.connected(true);
        awaitText("sent while the connection was down");

        assertThat(texts()).doesNotContain("forged, seq one million");
        assertThat(shown).noneMatch(event -> event instanceof ChatEvent.MessageUndecryptable bad && bad.seq() == 1_000_000);
        assertThat(acknowledged).containsExactly(CHAT + "#2", CHAT + "#3");
    }

    /**
     * Found by the fault suite (issue 16): messages acknowledged while this client was away, and not yet in the read
     * side when it came back, were caught up only at the chat's next message (and never, if none came). The catch-up
     * goes to the command side's head and asks history again until it holds it.
     */
    @Test
    void aReconnectCatchesUpToTheHeadEvenWhenTheReadSideHasNotProjectedItYet() {
        JsonNode whileAway = message(CHAT, 2, "m2", "acknowledged while Alice was away, projected late");
        history.acknowledge(whileAway);
        inbox.disconnected("lost", true);
        inbox.connected(true);
        eventually("the catch-up read history once", () -> history.reads(CHAT) >= 1);

        history.store(whileAway);

        awaitText("acknowledged while Alice was away, projected late");
        assertThat(acknowledged).containsExactly(CHAT + "#2");
    }

    /**
     * The key directory is a projection read from a replica, and reads are limited per user: on a loaded server a
     * fresh sender's device may not be listed, or the read refused, when its message is opened (the full fault suite's
     * last row, issue 16: five clients without the group's first ~181 messages). It is opened again after a pause, the
     * chat's next message behind it, instead of being shown as undecryptable for good.
     */
    @Test
    void aMessageWhoseSendersDeviceCannotBeReadYetIsOpenedOnceItCanInOrder() {
        bobRefusals.set(2);
        JsonNode second = message(CHAT, 2, "m2", "from a device the directory answers for late");
        JsonNode third = message(CHAT, 3, "m3", "and the next one");
        history.store(second);
        history.store(third);

        inbox.live(second);
        inbox.live(third);

        awaitText("and the next one");
        assertThat(texts()).containsSubsequence("from a device the directory answers for late", "and the next one");
        assertThat(shown).noneMatch(ChatEvent.MessageUndecryptable.class::isInstance);
        assertThat(acknowledged).containsExactly(CHAT + "#2", CHAT + "#3");
    }

    /** A device still not listed after every pause is unknown: shown so, and its next message is not waited for again. */
    @Test
    void aSendersDeviceStillUnlistedAfterEveryPauseIsShownUndecryptableAndNotWaitedForAgain() {
        bobRefusals.set(Integer.MAX_VALUE);
        JsonNode second = message(CHAT, 2, "m2", "never opened");
        history.store(second);
        inbox.live(second);
        eventually("seq 2 shown undecryptable", () -> undecryptable(2));
        assertThat(bobReads.get()).as("one read per open: the first and one after each pause")
                .isEqualTo(CONFIRMATION_RETRY_MILLIS.length + 1);

        JsonNode third = message(CHAT, 3, "m3", "also never opened");
        history.store(third);
        inbox.live(third);
        eventually("seq 3 shown undecryptable", () -> undecryptable(3));

        assertThat(bobReads.get()).isEqualTo(CONFIRMATION_RETRY_MILLIS.length + 2);
        assertThat(shown).filteredOn(ChatEvent.MessageUndecryptable.class::isInstance)
                .allMatch(event -> ((ChatEvent.MessageUndecryptable) event).reason() == UndecryptableReason.UNKNOWN_SENDER_DEVICE);
    }

    private boolean undecryptable(long seq) {
        return shown.stream().anyMatch(event -> event instanceof ChatEvent.MessageUndecryptable bad && bad.seq() == seq);
    }

    /**
     * Found by the full fault suite (issue 16): a new client's first baseline is the chat heads, read after it
     * subscribed; on a loaded server the read waited behind sends, and messages acknowledged meanwhile came out below
     * the baseline: their pushes, queued behind it, were dropped as already confirmed (169 group messages for each of
     * five clients). A push below the baseline is new to this client: history confirms it and it is shown.
     */
    @Test
    void pushesOfMessagesAcknowledgedBeforeAFreshClientsBaselineAreShown() {
        JsonNode second = message(CHAT, 2, "m2", "acknowledged while the heads were read");
        JsonNode third = message(CHAT, 3, "m3", "also before the baseline");
        history.store(second);
        history.store(third);
        connectAgainAsANewClient(); // its baseline takes the heads (seq 3)

        inbox.live(second);
        inbox.live(third);
        JsonNode fourth = message(CHAT, 4, "m4", "after the baseline");
        history.store(fourth);
        inbox.live(fourth);

        awaitText("after the baseline");
        assertThat(texts()).containsExactly("acknowledged while the heads were read", "also before the baseline",
                "after the baseline");
    }

    /**
     * Found by the full fault suite again (issue 16, row 14): on a loaded server the read side lagged the pushes below a
     * fresh client's baseline by more than a {@code minSeq} read waits, and answered without them; each was dropped
     * (about 180 group messages for each of six clients). History is asked again on the confirmation schedule, the
     * later pushes of the chat wait behind it without a read each, and everything is shown once, in order.
     */
    @Test
    void pushesBelowAFreshClientsBaselineWaitForALaggingReadSideAndAreShownInOrder() {
        List<JsonNode> belowBaseline = new ArrayList<>();
        for (int seq = 2; seq <= 31; seq++) {
            JsonNode message = message(CHAT, seq, "m" + seq, "acknowledged while the heads were read " + seq);
            history.store(message);
            belowBaseline.add(message);
        }
        connectAgainAsANewClient(); // its baseline takes the heads (seq 31)
        long readsBefore = history.reads(CHAT);
        history.behind(CHAT, 2);

        belowBaseline.forEach(inbox::live);
        JsonNode above = message(CHAT, 32, "m32", "after the baseline");
        history.store(above);
        inbox.live(above);

        awaitText("after the baseline");
        List<String> expected = new ArrayList<>();
        for (int seq = 2; seq <= 31; seq++) {
            expected.add("acknowledged while the heads were read " + seq);
        }
        expected.add("after the baseline");
        assertThat(texts()).containsExactlyElementsOf(expected);
        assertThat(history.reads(CHAT) - readsBefore).as("history reads for 31 pushes: two behind, one that holds them")
                .isEqualTo(3);
    }

    /**
     * Found by the fault suite (issue 16): with the query side killed, every push of a busy chat past the confirmation
     * mark sent one more history read (and logged one more stack trace), about a thousand in 90 s for one chat. Pushes
     * are still shown; history is asked again only on the confirmation schedule, and confirms them once it is back.
     */
    @Test
    void whileTheReadSideIsDownPushesAreShownAndHistoryIsNotAskedAtEachOne() {
        int pushes = Inbox.CONFIRM_EVERY + 200;
        history.unavailable(true);
        long readsBefore = history.reads(CHAT);
        for (int seq = 2; seq < 2 + pushes; seq++) {
            JsonNode message = message(CHAT, seq, "m" + seq, "pushed while the read side is down " + seq);
            history.acknowledge(message);
            history.keep(message);
            inbox.live(message);
        }
        awaitText("pushed while the read side is down " + (1 + pushes));
        long readsWhileDown = history.reads(CHAT) - readsBefore;

        history.unavailable(false);
        JsonNode after = message(CHAT, 2 + pushes, "after", "after the read side came back");
        history.store(after);
        eventually("a confirmation once the read side is back", () -> {
            inbox.live(after);
            return history.confirmedReads(CHAT) > 0;
        });

        assertThat(readsWhileDown).as("history reads for %d pushes while the read side was down", pushes)
                .isLessThan(pushes / 4); // one per push past the mark (200) before; here on the test's 10–80 ms schedule
        assertThat(texts()).filteredOn(text -> text.startsWith("pushed while the read side is down")).hasSize(pushes);
    }

    @Test
    void aNewChatsPushesWaitForTheReadSideAndAreShownOnceInOrder() {
        String fresh = PrivateChatIds.of(ALICE, CAROL);
        JsonNode first = message(fresh, 1, "n1", "first of a new chat");
        JsonNode second = message(fresh, 2, "n2", "second of a new chat");
        history.member(fresh);
        history.store(first);
        history.store(second);
        history.lagging(fresh, CONFIRMATION_RETRY_MILLIS.length);

        inbox.live(first);
        inbox.live(second);
        awaitText("second of a new chat");

        assertThat(shown).filteredOn(ChatEvent.MessageDecrypted.class::isInstance)
                .extracting(event -> ((ChatEvent.MessageDecrypted) event).text())
                .containsSubsequence("first of a new chat", "second of a new chat")
                .filteredOn(text -> text.contains("new chat")).hasSize(2);
        assertThat(acknowledged).contains(fresh + "#1", fresh + "#2");
    }

    /**
     * Found by the fault suite (issue 16): the first push of a new chat waits for history with growing pauses; a second
     * push arriving meanwhile must stay held behind it, or its own first confirmation (a shorter pause) answers first,
     * sets the chat's baseline past the first message, and the first is then dropped as "already confirmed".
     */
    @Test
    void aNewChatsSecondPushArrivingWhileTheFirstIsStillUnconfirmedWaitsBehindIt() {
        String fresh = PrivateChatIds.of(ALICE, CAROL);
        JsonNode first = message(fresh, 1, "n1", "first, confirmed late");
        JsonNode second = message(fresh, 2, "n2", "second, arrived during the wait");
        history.member(fresh);
        history.store(first);
        history.store(second);
        history.lagging(fresh, 3);

        inbox.live(first);
        eventually("the first push was refused three times by the lagging read side", () -> history.reads(fresh) >= 3);
        inbox.live(second);

        awaitText("second, arrived during the wait");
        awaitText("first, confirmed late");
        assertThat(texts()).filteredOn(text -> text.contains(", ")).containsExactly("first, confirmed late",
                "second, arrived during the wait");
        assertThat(acknowledged).contains(fresh + "#1", fresh + "#2");
    }

    @Test
    void eventsForAChatTheUserIsNotInNeverReachTheListener() {
        inbox.live(message(FOREIGN, 1, "f1", "written into someone else's chat"));
        inbox.live(event(Map.of("type", "Typing", "chatId", FOREIGN, "userId", BOB, "typing", true)));
        inbox.live(event(Map.of("type", "ReceiptUpdated", "chatId", FOREIGN, "userId", BOB, "deliveredUpToSeq", 9,
                "readUpToSeq", 9)));
        // each is checked with the server, and again while a new membership could still be on its way
        eventually("every foreign event checked and dropped, or shown",
                () -> history.reads(FOREIGN) >= 3L * (CONFIRMATION_RETRY_MILLIS.length + 1) || shown.stream().anyMatch(event -> event.toString().contains(FOREIGN)));

        JsonNode real = message(CHAT, 2, "m2", "a real message after them");
        history.store(real);
        inbox.live(real);
        awaitText("a real message after them");

        assertThat(shown).noneMatch(event -> event.toString().contains(FOREIGN));
        assertThat(acknowledged).containsExactly(CHAT + "#2");
    }

    @Test
    void aPushThatSkipsAheadShowsOnlyWhatHistoryHolds() {
        history.store(message(CHAT, 2, "m2", "two, never pushed"));
        history.store(message(CHAT, 3, "m3", "three as stored"));

        inbox.live(message(CHAT, 3, "other-id", "three as pushed"));
        awaitText("three as stored");

        assertThat(texts()).containsExactly("two, never pushed", "three as stored");
    }

    @Test
    void aPushThatSkipsAheadOfALaggingHistoryIsShownOnceHistoryHoldsIt() {
        history.store(message(CHAT, 2, "m2", "two, never pushed"));
        history.store(message(CHAT, 3, "m3", "three as stored"));
        history.lagging(CHAT, 2); // the read side answers for this chat only from the third read on

        inbox.live(message(CHAT, 3, "m3", "three as pushed"));
        awaitText("three as stored");

        assertThat(texts()).containsExactly("two, never pushed", "three as stored");
    }

    @Test
    void aForgedPushThatTakesTheNextSeqDoesNotHideTheRealMessage() {
        inbox.live(message(CHAT, 2, "forged", "a copy under the next seq"));
        JsonNode real = message(CHAT, 2, "m2", "the real message two");
        history.store(real);
        inbox.live(real);

        awaitText("the real message two");
    }

    @Test
    void theFirstMessageOfANewChatIsShownFromHistory() {
        String newChat = PrivateChatIds.of(ALICE, CAROL);
        history.member(newChat);
        history.store(message(newChat, 1, "n1", "hello from a new chat"));

        inbox.live(message(newChat, 1, "n1", "hello from a new chat"));

        awaitText("hello from a new chat");
    }

    private JsonNode message(String chatId, long seq, String messageId, String text) {
        String clientMessageId = UUID.randomUUID().toString();
        MessageContext context = new MessageContext(chatId, BOB, bob.deviceId(), clientMessageId);
        String envelope = Envelopes.seal(text.getBytes(StandardCharsets.UTF_8), context, bob.identity(),
                List.of(RecipientDevice.of(ALICE, alice.deviceId(), alice.identity().agreementPublicKeyBase64Url()))).toJson();
        ObjectNode json = JsonHttp.JSON.createObjectNode();
        json.put("type", "MessageReceived").put("chatId", chatId).put("chatType", "PRIVATE").put("messageId", messageId)
                .put("seq", seq).put("senderId", BOB).put("clientMessageId", clientMessageId).put("sentAt", "2026-01-01T00:00:00Z");
        try {
            json.set("envelope", JsonHttp.JSON.readTree(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return json;
    }

    private static JsonNode event(Map<String, Object> fields) {
        return JsonHttp.JSON.valueToTree(fields);
    }

    private static PublishedDevice published(LocalDevice device) {
        return new PublishedDevice(device.userId(), device.deviceId(), device.identity().agreementPublicKeyBase64Url(),
                device.identity().signingPublicKeyBase64Url());
    }

    private List<String> texts() {
        return shown.stream().filter(ChatEvent.MessageDecrypted.class::isInstance)
                .map(event -> ((ChatEvent.MessageDecrypted) event).text()).toList();
    }

    /** A first connection again, as a new client's: waits until its baseline has read the heads. */
    private void connectAgainAsANewClient() {
        int headReads = history.headReads();
        inbox.disconnected("lost", true);
        inbox.connected(false);
        eventually("the baseline read the heads", () -> history.headReads() > headReads);
    }

    private void awaitText(String text) {
        eventually("the listener gets \"" + text + "\"", () -> texts().contains(text));
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /**
     * History as the query side serves it: only to members (else 404), pages by seq; and the heads as the command side
     * holds them, which may be ahead of history ({@link #acknowledge}).
     */
    private static final class FakeHistory implements ChatReads, ChatHeads {
        private final Set<String> chatsOfAlice = ConcurrentHashMap.newKeySet();
        private final Map<String, List<JsonNode>> messages = new ConcurrentHashMap<>();
        private final List<String> reads = new CopyOnWriteArrayList<>();

        private final Map<String, Integer> notYetProjected = new ConcurrentHashMap<>();
        private final Map<String, Integer> answeredEmpty = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger headReads = new java.util.concurrent.atomic.AtomicInteger();
        private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        private final List<String> answeredReads = new CopyOnWriteArrayList<>();
        private volatile boolean unavailable;

        /** The query side down: every read answers 503. */
        void unavailable(boolean down) {
            unavailable = down;
        }

        /** Stored, while the read side is down: what history answers once it is back. */
        void keep(JsonNode message) {
            messages.computeIfAbsent(message.get("chatId").asText(), ignored -> new CopyOnWriteArrayList<>()).add(message);
        }

        long confirmedReads(String chatId) {
            return answeredReads.stream().filter(chatId::equals).count();
        }

        void member(String chatId) {
            chatsOfAlice.add(chatId);
        }

        /** The read side has not projected the chat yet: its next {@code reads} reads answer 404. */
        void lagging(String chatId, int reads) {
            notYetProjected.put(chatId, reads);
        }

        /** The read side behind the pushes: its next {@code reads} reads answer without anything new. */
        void behind(String chatId, int reads) {
            answeredEmpty.put(chatId, reads);
        }

        /** Sent and acknowledged: in the chat's head, not yet in history. */
        void acknowledge(JsonNode message) {
            acknowledged.merge(message.get("chatId").asText(), message.get("seq").asLong(), Math::max);
        }

        void store(JsonNode message) {
            acknowledge(message);
            keep(message);
        }

        long reads(String chatId) {
            return reads.stream().filter(chatId::equals).count();
        }

        int headReads() {
            return headReads.get();
        }

        @Override
        public List<ChatHead> heads() {
            List<ChatHead> heads = chatsOfAlice.stream().map(chatId -> new ChatHead(chatId, acknowledged.getOrDefault(chatId, 0L)))
                    .toList();
            headReads.incrementAndGet();
            return heads;
        }

        @Override
        public List<ReceivedMessage> messages(String chatId, HistoryWindow window) {
            reads.add(chatId);
            if (unavailable) {
                throw new ApiException("GET /api/chats/" + chatId + "/messages", 503, null);
            }
            if (notYetProjected.merge(chatId, -1, Integer::sum) >= 0 || !chatsOfAlice.contains(chatId)) {
                throw new ApiException("GET /api/chats/" + chatId + "/messages", 404, null);
            }
            if (answeredEmpty.merge(chatId, -1, Integer::sum) >= 0) {
                return List.of();
            }
            Predicate<Long> inWindow = seq -> (window.afterSeq() == null || seq > window.afterSeq())
                    && (window.beforeSeq() == null || seq < window.beforeSeq());
            List<ReceivedMessage> page = new ArrayList<>(stored(chatId).stream().map(ReceivedMessage::fromJson)
                    .filter(message -> inWindow.test(message.seq())).sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList());
            if (window.afterSeq() == null) {
                Collections.reverse(page); // newest first
            }
            answeredReads.add(chatId);
            return page.subList(0, Math.min(window.limit(), page.size()));
        }

        private List<JsonNode> stored(String chatId) {
            return messages.getOrDefault(chatId, List.of());
        }
    }
}
