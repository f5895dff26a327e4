package parley.ops.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.ops.e2ee.SdkUsers.waiting;
import static parley.ops.e2ee.SdkUsers.awaitDevices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.events.ReceivedMessage;
import parley.client.events.UndecryptableReason;
import parley.client.messages.PrivateChatIds;
import parley.client.messages.Sent;
import parley.client.session.Backoff;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * The Java SDK against the running platform: end-to-end encrypted private and group chats across several
 * devices per user, removed members, tampered envelopes, and catch-up after a lost connection.
 */
@PlatformTest
class SdkEndToEndTest extends RunningPlatform {

    @TempDir
    Path keys;

    private SdkUsers users;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-sdk");
        // cookies without Secure over plain HTTP, as ./parley up serves them (the SDK refreshes with the token it asked for in the body)
        registry.add("parley.auth.cookies.secure", () -> "false");
        // every client of this class calls from 127.0.0.1 and the tests poll: not a rate-limit test
        registry.add("parley.ratelimit.classes.ip.limit", () -> "3000");
    }

    @BeforeEach
    void users() {
        users = new SdkUsers(baseUrl(), keys);
    }

    @AfterEach
    void closeClients() {
        users.close();
    }

    @Test
    void aPrivateChatIsReadOnEveryDeviceOfBothUsers() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        SdkDevice bobLaptop = users.connect("bob", "laptop");
        awaitDevices(aliceLaptop, bob, 2);
        awaitDevices(bobPhone, alice, 1);
        awaitDevices(bobPhone, bob, 2);

        Sent hello = aliceLaptop.client().sendPrivate(bob, "hi bob, on both your devices");
        assertThat(bobPhone.awaitText(hello)).isEqualTo("hi bob, on both your devices");
        assertThat(bobLaptop.awaitText(hello)).isEqualTo("hi bob, on both your devices");
        assertThat(aliceLaptop.awaitText(hello)).as("the sender's own echo").isEqualTo("hi bob, on both your devices");

        Sent answer = bobPhone.client().sendPrivate(alice, "hi alice, from my phone");
        assertThat(answer.chatId()).isEqualTo(hello.chatId());
        assertThat(answer.seq()).isEqualTo(2);
        assertThat(aliceLaptop.awaitText(answer)).isEqualTo("hi alice, from my phone");
        assertThat(bobLaptop.awaitText(answer)).as("the sender's other device").isEqualTo("hi alice, from my phone");

        List<ChatEvent> history = waiting().until(
                () -> bobLaptop.client().history(hello.chatId(), HistoryWindow.after(0, 10)), page -> page.size() == 2);
        assertThat(history).extracting(event -> ((ChatEvent.MessageDecrypted) event).text())
                .containsExactly("hi bob, on both your devices", "hi alice, from my phone");

        aliceLaptop.client().editPrivate(bob, hello.seq(), "hi bob (edited)");
        for (SdkDevice reader : List.of(bobPhone, bobLaptop)) {
            ChatEvent edit = reader.awaitEvent(event -> event instanceof ChatEvent.MessageEdited);
            assertThat(edit).isEqualTo(new ChatEvent.MessageEdited(hello.chatId(), hello.seq(), alice, "hi bob (edited)",
                    ((ChatEvent.MessageEdited) edit).editedAt()));
        }
        ChatEvent editedInHistory = waiting().until(
                () -> bobPhone.client().history(hello.chatId(), HistoryWindow.after(0, 1)).get(0),
                event -> event instanceof ChatEvent.MessageDecrypted message && message.edited());
        assertThat(((ChatEvent.MessageDecrypted) editedInHistory).text()).isEqualTo("hi bob (edited)");

        bobLaptop.client().markRead(answer.chatId(), answer.seq());
        aliceLaptop.awaitEvent(event -> event instanceof ChatEvent.ReceiptUpdated receipt && receipt.userId().equals(bob)
                && receipt.readUpToSeq() == answer.seq());

        SdkDevice bobTablet = users.connect("bob", "tablet");
        Sent toThree = aliceLaptop.client().sendPrivate(bob, "now on three devices");
        assertThat(bobTablet.awaitText(toThree)).as("a device added mid-conversation (STALE_DEVICES, then re-sealed)")
                .isEqualTo("now on three devices");
        assertThat(bobPhone.awaitText(toThree)).isEqualTo("now on three devices");
    }

    @Test
    void aGroupMessageIsReadByEveryOtherDeviceAndARemovedMemberIsNoLongerARecipient() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        String carol = users.register("carol");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        SdkDevice bobLaptop = users.connect("bob", "laptop");
        SdkDevice carolPhone = users.connect("carol", "phone");
        for (SdkDevice viewer : List.of(aliceLaptop, bobPhone, carolPhone)) {
            awaitDevices(viewer, bob, 2);
            awaitDevices(viewer, alice, 1);
            awaitDevices(viewer, carol, 1);
        }
        String groupId = aliceLaptop.client().createGroup("Trio " + users.run(), List.of(bob, carol));
        for (SdkDevice member : List.of(bobPhone, carolPhone)) {
            waiting().ignoreExceptions().until(() -> member.client().api().get("/api/groups/" + groupId) != null);
        }

        List<SdkDevice> everyone = List.of(aliceLaptop, bobPhone, bobLaptop, carolPhone);
        for (SdkDevice sender : everyone) {
            String text = "hello from " + sender.client().deviceId() + " of " + sender.client().userId();
            Sent sent = sender.client().sendGroup(groupId, text);
            for (SdkDevice reader : everyone) {
                if (reader != sender) {
                    assertThat(reader.awaitText(sent)).as("read by " + reader).isEqualTo(text);
                }
            }
        }

        aliceLaptop.client().removeMember(groupId, carol);
        bobPhone.awaitEvent(event -> event instanceof ChatEvent.MemberRemoved removed && removed.userId().equals(carol));
        Sent afterRemoval = aliceLaptop.client().sendGroup(groupId, "carol has left");
        Sent fromBob = bobPhone.client().sendGroup(groupId, "just us now");
        assertThat(bobLaptop.awaitText(afterRemoval)).isEqualTo("carol has left");
        assertThat(aliceLaptop.awaitText(fromBob)).isEqualTo("just us now");
        sleep(Duration.ofSeconds(2));
        assertThat(carolPhone.events()).as("carol receives nothing after her removal").noneMatch(event ->
                event instanceof ChatEvent.MessageDecrypted message && message.seq() >= afterRemoval.seq());

        for (Sent later : List.of(afterRemoval, fromBob)) {
            ReceivedMessage stored = stored(aliceLaptop, groupId, later.seq());
            assertThat(stored.envelope().toString()).doesNotContain(carol);
            ChatEvent carolsAttempt = carolPhone.client().open(stored);
            assertThat(carolsAttempt).isInstanceOfSatisfying(ChatEvent.MessageUndecryptable.class,
                    refused -> assertThat(refused.reason()).isEqualTo(UndecryptableReason.NOT_A_RECIPIENT));
        }

        aliceLaptop.client().addMember(groupId, carol);
        Sent welcomeBack = aliceLaptop.client().sendGroup(groupId, "welcome back, carol");
        assertThat(carolPhone.awaitText(welcomeBack)).as("a member added again reads new messages").isEqualTo("welcome back, carol");
    }

    @Test
    void aTamperedCiphertextOrSignatureIsRefusedByTheRecipient() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone");
        awaitDevices(aliceLaptop, bob, 1);
        awaitDevices(bobPhone, alice, 1);
        Sent sent = aliceLaptop.client().sendPrivate(bob, "the original words");
        assertThat(bobPhone.awaitText(sent)).isEqualTo("the original words");
        ReceivedMessage stored = stored(bobPhone, sent.chatId(), sent.seq());
        assertThat(bobPhone.client().open(stored)).isInstanceOf(ChatEvent.MessageDecrypted.class);

        for (String field : List.of("ciphertext", "signature", "nonce")) {
            ObjectNode tampered = stored.envelope().deepCopy();
            tampered.put(field, flipFirstCharacter(tampered.get(field).asText()));
            ChatEvent opened = bobPhone.client().open(stored.withEnvelope(tampered));
            assertThat(opened).as("tampered " + field).isInstanceOfSatisfying(ChatEvent.MessageUndecryptable.class,
                    refused -> assertThat(refused.reason()).isEqualTo(UndecryptableReason.BAD_SIGNATURE));
        }
        ReceivedMessage otherMessageId = new ReceivedMessage(stored.chatId(), stored.seq(), stored.messageId(),
                stored.senderId(), "replayed-" + stored.clientMessageId(), stored.envelope(), stored.sentAt(), false);
        assertThat(bobPhone.client().open(otherMessageId)).as("an envelope replayed under another client message id")
                .isInstanceOfSatisfying(ChatEvent.MessageUndecryptable.class,
                        refused -> assertThat(refused.reason()).isEqualTo(UndecryptableReason.BAD_SIGNATURE));
    }

    @Test
    void afterALostConnectionTheClientReconnectsAndCatchesUpExactlyOnce() {
        String alice = users.register("alice");
        String bob = users.register("bob");
        SdkDevice aliceLaptop = users.connect("alice", "laptop");
        SdkDevice bobPhone = users.connect("bob", "phone", new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(4), 0));
        awaitDevices(aliceLaptop, bob, 1);
        awaitDevices(bobPhone, alice, 1);
        Sent first = aliceLaptop.client().sendPrivate(bob, "before the outage");
        assertThat(bobPhone.awaitText(first)).isEqualTo("before the outage");

        bobPhone.client().simulateConnectionLoss();
        bobPhone.awaitEvent(event -> event instanceof ChatEvent.ConnectionChanged change && !change.connected());
        Sent missed = aliceLaptop.client().sendPrivate(bob, "while you were away");
        waiting().until(() -> aliceLaptop.client().rawHistory(missed.chatId(), HistoryWindow.after(1, 10)).size() == 1);

        bobPhone.awaitEvent(event -> event instanceof ChatEvent.ConnectionChanged change && change.connected()
                && change.detail().equals("reconnected"));
        assertThat(bobPhone.awaitText(missed)).isEqualTo("while you were away");
        bobPhone.client().refreshAccessToken();
        bobPhone.client().refreshAccessToken(); // a second rotation: the first one's successor was kept
        Sent after = aliceLaptop.client().sendPrivate(bob, "welcome back");
        assertThat(bobPhone.awaitText(after)).isEqualTo("welcome back");
        assertThat(bobPhone.decrypted(missed.chatId())).as("each message exactly once, in order")
                .extracting(ChatEvent.MessageDecrypted::seq).containsExactly(1L, 2L, 3L);
        Sent reply = bobPhone.client().sendPrivate(alice, "thanks, with fresh tokens");
        assertThat(aliceLaptop.awaitText(reply)).isEqualTo("thanks, with fresh tokens");
    }

    @Test
    void theCliRegistersLogsInAndSendsWhatIsTyped() {
        String bob = users.register("bob");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int registered = users.cli(output, errors, "", "register", users.username("alice"), "Alice");
        assertThat(registered).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Matcher userId = Pattern.compile("^([0-9a-f-]{36})$", Pattern.MULTILINE).matcher(output.toString(StandardCharsets.UTF_8));
        assertThat(userId.find()).isTrue();
        String alice = userId.group(1);
        SdkDevice bobPhone = users.connect("bob", "phone");
        awaitDevices(bobPhone, bob, 1);

        int chatted = users.cli(output, errors, "hello from the cli\n/quit\n", "--device", "terminal", "login", users.username("alice"), "chat", bob);

        assertThat(chatted).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("logged in as alice-" + users.run(), "device terminal");
        assertThat(bobPhone.awaitText(new Sent(PrivateChatIds.of(alice, bob), 1, null, null))).isEqualTo("hello from the cli");
        assertThat(users.cli(output, errors, "", "login", users.username("alice"), "chat", "nobody")).as("an unknown peer name").isEqualTo(2);
    }

    private static ReceivedMessage stored(SdkDevice reader, String chatId, long seq) {
        return waiting().until(() -> reader.client().rawHistory(chatId, HistoryWindow.after(seq - 1, 1)),
                page -> page.size() == 1 && page.get(0).seq() == seq).get(0);
    }

    private static String flipFirstCharacter(String base64url) {
        // the first character carries no padding bits, so the result stays canonical base64url
        char first = base64url.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64url.substring(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
