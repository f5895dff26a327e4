package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Frame injection: Mallory, an ordinary signed-in user, addresses frames not to a command but to the
 * places Spring delivers from (another user's user destination, the broker's queues, a topic), hoping
 * that a forged {@code MessageReceived} lands in Alice's open session. Each frame is refused with an
 * {@code ERROR}, counted, and Alice receives nothing but the real message sent after them.
 */
@PlatformTest
class FrameInjectionAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String REFUSED = "parley.security.stomp_frame_refused";
    private static final String FORGED_CHAT = "00000000-0000-7000-8000-00000000f0f0";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "frameinjection");
    }

    @Autowired
    SimpUserRegistry stompUsers;
    @Autowired
    MeterRegistry meters;

    @Test
    void aClientCanSendOnlyToCommandsAndNothingItAddressesElsewhereReachesAnotherUser() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser mallory = http.registerAndLogin("mallory");
        try (StompTestClient victim = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            String victimSession = onlySessionOf(alice);
            Map<String, String> destinations = new LinkedHashMap<>();
            destinations.put("by user id", "/user/" + alice.userId() + "/queue/events");
            destinations.put("by user name", "/user/" + alice.username() + "/queue/events");
            destinations.put("into the replies", "/user/" + alice.userId() + "/queue/replies");
            destinations.put("to the broker queue", "/queue/events");
            destinations.put("to the session's own broker queue", "/queue/events-user" + victimSession);
            destinations.put("to a topic", "/topic/x");
            destinations.put("through a path trick", "/app/../user/" + alice.userId() + "/queue/events");
            double refusedBefore = refusedFrames();

            Map<String, StompTestClient> attackers = new LinkedHashMap<>();
            for (Map.Entry<String, String> attempt : destinations.entrySet()) {
                StompTestClient attacker = StompTestClient.connect(wsUrl(), mallory.accessToken());
                attacker.sendRaw(attempt.getValue(), forgedMessage(mallory, attempt.getKey()));
                attackers.put(attempt.getKey(), attacker);
            }
            Map<String, RawStompSocket> rawAttackers = new LinkedHashMap<>();
            rawAttackers.put("client MESSAGE frame", rawFrame(mallory, "MESSAGE", Map.of("destination",
                    "/user/" + alice.userId() + "/queue/events", "subscription", "sub-0", "message-id", "m-0",
                    "content-type", "application/json"), forgedMessage(mallory, "message frame")));
            rawAttackers.put("subscribing to the victim's broker queue", rawFrame(mallory, "SUBSCRIBE",
                    Map.of("id", "sub-1", "destination", "/queue/events-user" + victimSession), ""));
            rawAttackers.put("subscribing to the victim's user destination", rawFrame(mallory, "SUBSCRIBE",
                    Map.of("id", "sub-2", "destination", "/user/" + alice.userId() + "/queue/events"), ""));

            // A real message after every forgery: once it is in, anything forged would have come before it.
            try (StompTestClient honest = StompTestClient.connect(wsUrl(), mallory.accessToken())) {
                honest.send("/app/private.send", Map.of("peerId", alice.userId().toString(), "clientMessageId", "marker",
                        "envelope", Map.of("text", "a real message")));
                assertThat(honest.nextReply(WAIT).path("type").asText()).isEqualTo("MessageAccepted");
            }
            List<JsonNode> eventsUntilMarker = eventsUntil(victim, "marker");
            assertThat(eventsUntilMarker).as("Alice's events up to the real message").isNotEmpty()
                    .allSatisfy(event -> assertThat(event.path("chatId").asText()).isNotEqualTo(FORGED_CHAT))
                    .allSatisfy(event -> assertThat(event.path("clientMessageId").asText()).doesNotStartWith("forged"));
            victim.send("/app/session.ping", Map.of("clientCommandId", "after"));
            JsonNode reply = victim.nextReply(WAIT);
            assertThat(reply).as("a reply to Alice's ping").isNotNull();
            assertThat(reply.path("clientCommandId").asText()).as("nothing forged in Alice's replies either: %s", reply)
                    .isEqualTo("after");

            List<String> errors = new ArrayList<>();
            for (Map.Entry<String, StompTestClient> attacker : attackers.entrySet()) {
                errors.add(attacker.getKey() + ": " + refusal(attacker.getValue()));
                assertThat(attacker.getValue().closeStatus(WAIT)).as("the server closes the session after its ERROR").isNotNull();
            }
            for (Map.Entry<String, RawStompSocket> attacker : rawAttackers.entrySet()) {
                try (RawStompSocket raw = attacker.getValue()) {
                    String answer = raw.nextFrame(WAIT);
                    errors.add(attacker.getKey() + ": " + (answer == null ? "no answer" : answer.lines()
                            .filter(line -> line.startsWith("message:")).findFirst().orElse(answer)));
                }
            }
            // Each frame was refused by the rule (counted below) and its session ended. The ERROR naming the rule
            // is written just before the close; under load Spring's buffered session can close before that
            // write goes out, so a bare close from the server also counts as the answer, but most must name it.
            assertThat(errors).as("every hostile frame is answered with ERROR or the server's close").allSatisfy(error ->
                    assertThat(error).containsAnyOf(REFUSAL_REASONS.toArray(String[]::new)));
            assertThat(errors).as("the ERROR frames name the rule").filteredOn(error -> REFUSAL_REASONS.stream().limit(3)
                    .anyMatch(error::contains)).isNotEmpty();
            assertThat(refusedFrames() - refusedBefore).as("each refusal counted").isEqualTo(destinations.size() + 3);
        }
    }

    private static final List<String> REFUSAL_REASONS = List.of("SEND is only allowed to /app/... command destinations",
            "MESSAGE frames are not accepted from clients", "only /user/queue/... destinations can be subscribed to",
            "ConnectionLostException", "CLOSED ");

    /**
     * The ERROR frame's reason. Spring's client may report the server's close (a transport error) before
     * it hands over the ERROR frame that preceded it, so transport errors are passed over while waiting.
     */
    private static String refusal(StompTestClient attacker) throws InterruptedException {
        String error = attacker.nextError(WAIT);
        while (error != null && error.startsWith("transport: ")) {
            String next = attacker.nextError(Duration.ofSeconds(5));
            if (next == null) {
                return error;
            }
            error = next;
        }
        return error;
    }

    private String onlySessionOf(TestUser user) {
        return stompUsers.getUser(user.userId().toString()).getSessions().stream().map(SimpSession::getId)
                .reduce((one, other) -> {
                    throw new IllegalStateException("more than one session");
                }).orElseThrow();
    }

    /** Sends one hand-written frame on a fresh session; the server's answer is read later. */
    private RawStompSocket rawFrame(TestUser sender, String command, Map<String, String> headers, String body) throws Exception {
        RawStompSocket raw = RawStompSocket.connect(wsUrl(), sender.accessToken());
        raw.send(command, headers, body);
        return raw;
    }

    private static List<JsonNode> eventsUntil(StompTestClient client, String clientMessageId) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        JsonNode event;
        do {
            event = client.nextEvent(WAIT, any -> true);
            assertThat(event).as("the real message reaches Alice; before it: %s", seen).isNotNull();
            seen.add(event);
        } while (!clientMessageId.equals(event.path("clientMessageId").asText()));
        return seen;
    }

    private static String forgedMessage(TestUser attacker, String how) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("type", "MessageReceived", "chatId", FORGED_CHAT, "chatType", "PRIVATE",
                "messageId", UUID.randomUUID().toString(), "seq", 1_000_000, "senderId", UUID.randomUUID().toString(),
                "clientMessageId", "forged " + how + " by " + attacker.username(),
                "envelope", Map.of("text", "your bank details changed"), "sentAt", "2026-01-01T00:00:00Z"));
    }

    private double refusedFrames() {
        return meters.find(REFUSED).counters().stream().mapToDouble(Counter::count).sum();
    }
}
