package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Fuzzes STOMP frame decoding and the frame allow-list: random and mutated raw frames go through
 * Spring's decoder (as the WebSocket handler runs it) and then {@link StompFrameRules}. The decoder
 * either yields frames or refuses the bytes with an exception (Spring's handler answers any with an ERROR
 * frame and a close; an Error such as a stack overflow would be a crash); a frame that passes the rules is a client command to {@code /app/<name>}
 * or to one of the caller's own {@code /user/queue/<name>} queues; every other frame closes its session.
 */
class StompFrameFuzzTest {

    private static final Set<StompCommand> CLIENT_COMMANDS = EnumSet.of(StompCommand.CONNECT, StompCommand.STOMP,
            StompCommand.SEND, StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE, StompCommand.DISCONNECT);

    private final StompSessions sessions = mock(StompSessions.class);
    private final StompFrameRules rules = new StompFrameRules(new SimpleMeterRegistry(), sessions);

    @Property(tries = 1500)
    void everyDecodedFrameIsACommandToAnAllowedDestinationOrClosesItsSession(@ForAll("frames") String frame) {
        List<Message<byte[]>> decoded;
        try {
            decoded = new StompDecoder().decode(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
        } catch (StompConversionException | IllegalArgumentException | IllegalStateException refused) {
            return; // Spring's STOMP handler answers any decoding failure with ERROR and a close
        }
        for (Message<byte[]> message : decoded) {
            clearInvocations(sessions);
            Message<?> passed = rules.preSend(message, null);
            StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
            StompCommand command = accessor.getCommand();
            if (passed == null) {
                verify(sessions).close(any(), anyString());
                continue;
            }
            verify(sessions, never()).close(any(), anyString());
            if (command == null) {
                continue; // a heart-beat
            }
            assertThat(command).isIn(CLIENT_COMMANDS);
            String destination = accessor.getDestination();
            if (command == StompCommand.SEND) {
                assertThat(destination).startsWith("/app/").doesNotContain("..").satisfies(d ->
                        assertThat(d.substring("/app/".length())).doesNotContain("/"));
            }
            if (command == StompCommand.SUBSCRIBE) {
                assertThat(destination).startsWith("/user/queue/").satisfies(d ->
                        assertThat(d.substring("/user/queue/".length())).doesNotContain("/").doesNotContain("."));
            }
        }
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> command = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("SEND", "SUBSCRIBE")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(StompCommand.values()).map(StompCommand::name)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("send", "SEND ", " SEND", "", "SENDX", "\u0000", "CONNECT\r", "MESSAGE")));
        Arbitrary<String> destination = Arbitraries.oneOf(
                Arbitraries.of("/app/private.send", "/app/session.ping", "/user/queue/events", "/user/queue/replies",
                        "/app/../user/queue/events", "/app/x/../../topic/y", "/app/%2e%2e/x", "/user/u1/queue/events",
                        "/queue/events", "/topic/x", "/app/", "/app/ private.send", "/app/private.send\u0000",
                        "/user/queue/events.x", "/app/priv\\cate.send", "/app/\u0430pp", "/APP/x", ""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80).map(s -> "/app/" + s),
                // Near misses: the allowed characters of a name with path separators and dots among them.
                Arbitraries.strings().withChars("aZ09./").ofMinLength(1).ofMaxLength(12)
                        .flatMap(name -> Arbitraries.of("/app/", "/user/queue/", "/user/", "/").map(prefix -> prefix + name)),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> extraHeader = Arbitraries.of("content-length:0", "content-length:-1", "content-length:99999999999",
                "content-length:5", "content-type:application/json", "content-type:text/plain;charset=nope",
                "receipt:r\\x", "id:\\c\\n\\r\\\\", "destination:/user/queue/events", "heart-beat:0,0", ":", "no-colon",
                "destination", "x:" + "y".repeat(3000), "subscription:sub-0", "message-id:1", "transaction:tx");
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.of("", "{}", "{\"clientCommandId\":\"c\"}", "\u0000", "{\"a\":", "null", "[]"),
                Arbitraries.strings().ofMaxLength(200));
        Arbitrary<String> terminator = Arbitraries.of("\u0000", "", "\u0000\n", "\u0000\u0000", "\n\n");
        return Combinators.combine(command, destination, extraHeader.list().ofMaxSize(3), body, terminator,
                        Arbitraries.of("\n", "\r\n"))
                .as((c, d, headers, b, end, eol) -> {
                    StringBuilder frame = new StringBuilder(c).append(eol).append("destination:").append(d).append(eol);
                    headers.forEach(h -> frame.append(h).append(eol));
                    return frame.append(eol).append(b).append(end).toString();
                });
    }
}
