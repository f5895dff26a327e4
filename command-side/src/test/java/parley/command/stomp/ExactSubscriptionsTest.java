package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

class ExactSubscriptionsTest {

    private final ExactSubscriptions registry = new ExactSubscriptions();

    @Test
    void aMessageReachesExactlyTheSubscriptionsOfItsDestination() {
        registry.registerSubscription(subscribe("s1", "sub-0", "/queue/events-users1"));
        registry.registerSubscription(subscribe("s1", "sub-1", "/queue/replies-users1"));
        registry.registerSubscription(subscribe("s2", "sub-0", "/queue/events-users2"));
        registry.registerSubscription(subscribe("s3", "a", "/queue/events-users2"));

        assertThat(registry.findSubscriptions(message("/queue/events-users1"))).isEqualTo(Map.of("s1", List.of("sub-0")));
        assertThat(registry.findSubscriptions(message("/queue/events-users2")))
                .isEqualTo(Map.of("s2", List.of("sub-0"), "s3", List.of("a")));
        assertThat(registry.findSubscriptions(message("/queue/events-users9"))).isEmpty();
        // No pattern matching: clients only ever subscribe to exact destinations.
        assertThat(registry.findSubscriptions(message("/queue/**"))).isEmpty();
    }

    @Test
    void unsubscribeAndDisconnectRemoveOnlyWhatTheSessionHad() {
        registry.registerSubscription(subscribe("s1", "sub-0", "/queue/events-users1"));
        registry.registerSubscription(subscribe("s1", "sub-1", "/queue/replies-users1"));
        registry.registerSubscription(subscribe("s2", "sub-0", "/queue/replies-users1"));

        registry.unregisterSubscription(unsubscribe("s1", "sub-1"));
        assertThat(registry.findSubscriptions(message("/queue/replies-users1"))).isEqualTo(Map.of("s2", List.of("sub-0")));
        assertThat(registry.findSubscriptions(message("/queue/events-users1"))).isEqualTo(Map.of("s1", List.of("sub-0")));

        registry.unregisterAllSubscriptions("s1");
        assertThat(registry.findSubscriptions(message("/queue/events-users1"))).isEmpty();
        assertThat(registry.findSubscriptions(message("/queue/replies-users1"))).isEqualTo(Map.of("s2", List.of("sub-0")));

        registry.unregisterSubscription(unsubscribe("s9", "nothing"));
        registry.unregisterAllSubscriptions("s9");
    }

    @Test
    void aReusedSubscriptionIdMovesTheSubscription() {
        registry.registerSubscription(subscribe("s1", "sub-0", "/queue/events-users1"));
        registry.registerSubscription(subscribe("s1", "sub-0", "/queue/replies-users1"));

        assertThat(registry.findSubscriptions(message("/queue/events-users1"))).isEmpty();
        assertThat(registry.findSubscriptions(message("/queue/replies-users1"))).isEqualTo(Map.of("s1", List.of("sub-0")));
    }

    @Test
    void anAnswerAlreadyHandedOutDoesNotChangeUnderTheBroker() {
        registry.registerSubscription(subscribe("s1", "sub-0", "/queue/events-users1"));
        var before = registry.findSubscriptions(message("/queue/events-users1"));

        registry.registerSubscription(subscribe("s2", "sub-0", "/queue/events-users1"));
        registry.unregisterAllSubscriptions("s1");

        assertThat(before).isEqualTo(Map.of("s1", List.of("sub-0")));
    }

    private static Message<byte[]> subscribe(String sessionId, String subscriptionId, String destination) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.SUBSCRIBE);
        headers.setSessionId(sessionId);
        headers.setSubscriptionId(subscriptionId);
        headers.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    private static Message<byte[]> unsubscribe(String sessionId, String subscriptionId) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.UNSUBSCRIBE);
        headers.setSessionId(sessionId);
        headers.setSubscriptionId(subscriptionId);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    private static Message<byte[]> message(String destination) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}
