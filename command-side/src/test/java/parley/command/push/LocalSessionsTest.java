package parley.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpSubscriptionMatcher;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.AbstractMessageChannel;

class LocalSessionsTest {

    private final List<Message<?>> sent = new ArrayList<>();
    private final AtomicInteger conversions = new AtomicInteger();
    private final SimpMessagingTemplate messaging = new SimpMessagingTemplate(new AbstractMessageChannel() {
        @Override
        protected boolean sendInternal(Message<?> message, long timeout) {
            sent.add(message);
            return true;
        }
    });

    LocalSessionsTest() {
        messaging.setMessageConverter(new MappingJackson2MessageConverter() {
            @Override
            protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
                conversions.incrementAndGet();
                return super.convertToInternal(payload, headers, conversionHint);
            }
        });
    }

    @Test
    void anEventIsEncodedOnceForEverySessionOfEveryConnectedRecipient() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID offline = UUID.randomUUID();
        Registry registry = new Registry(Map.of(alice.toString(), List.of("a1", "a2"), bob.toString(), List.of("b1")));

        int reached = new LocalSessions(messaging, registry).send(List.of(alice, offline, bob), Map.of("type", "MessageReceived"));

        assertThat(reached).as("sessions reached (what delivery latency is recorded for)").isEqualTo(3);
        assertThat(conversions).hasValue(1);
        assertThat(sent).extracting(message -> SimpMessageHeaderAccessor.getSessionId(message.getHeaders()))
                .containsExactly("a1", "a2", "b1");
        assertThat(sent).extracting(message -> SimpMessageHeaderAccessor.getDestination(message.getHeaders()))
                .containsExactly("/user/" + alice + "/queue/events", "/user/" + alice + "/queue/events",
                        "/user/" + bob + "/queue/events");
        assertThat(sent).allSatisfy(message -> {
            assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"MessageReceived\"}");
            assertThat(message.getHeaders().get(MessageHeaders.CONTENT_TYPE).toString()).startsWith("application/json");
        });
    }

    @Test
    void nothingIsEncodedWhenNoRecipientIsConnectedHere() {
        int reached = new LocalSessions(messaging, new Registry(Map.of())).send(List.of(UUID.randomUUID()), Map.of("type", "X"));

        assertThat(reached).isZero();
        assertThat(conversions).hasValue(0);
        assertThat(sent).isEmpty();
    }

    /** Users and their session ids, as Spring's registry would list them. */
    private record Registry(Map<String, List<String>> sessions) implements SimpUserRegistry {
        @Override
        public SimpUser getUser(String userName) {
            return sessions.containsKey(userName) ? new User(userName, sessions.get(userName)) : null;
        }

        @Override
        public Set<SimpUser> getUsers() {
            return sessions.keySet().stream().map(this::getUser).collect(Collectors.toSet());
        }

        @Override
        public int getUserCount() {
            return sessions.size();
        }

        @Override
        public Set<SimpSubscription> findSubscriptions(SimpSubscriptionMatcher matcher) {
            return Set.of();
        }
    }

    private record User(String name, List<String> sessionIds) implements SimpUser {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Principal getPrincipal() {
            return () -> name;
        }

        @Override
        public boolean hasSessions() {
            return !sessionIds.isEmpty();
        }

        @Override
        public SimpSession getSession(String sessionId) {
            return sessionIds.contains(sessionId) ? new Session(sessionId, this) : null;
        }

        @Override
        public Set<SimpSession> getSessions() {
            // Ordered, so the test can name the order of sends.
            return sessionIds.stream().map(id -> (SimpSession) new Session(id, this))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        }
    }

    private record Session(String id, SimpUser user) implements SimpSession {
        @Override
        public String getId() {
            return id;
        }

        @Override
        public SimpUser getUser() {
            return user;
        }

        @Override
        public Set<SimpSubscription> getSubscriptions() {
            return Set.of();
        }
    }
}
