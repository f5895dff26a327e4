package parley.command.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.AbstractSubscriptionRegistry;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The simple broker's subscriptions, indexed by exact destination. Clients may subscribe only to
 * their own {@code /user/queue/...} queues ({@link StompFrameRules}), which the user-destination
 * handler turns into one destination per session, so no subscription is a pattern. Spring's
 * {@code DefaultSubscriptionRegistry} resolves a destination it has not cached by scanning every
 * session's subscriptions: with 10,000 sessions, the first push to each session cost a scan of
 * 20,000 subscriptions, half of the CPU while they connected and chatted (docs/benchmarks.md).
 * Here a push is one map lookup. Subscriptions change far less often than pushes read them, so a
 * destination's subscribers are replaced as a whole on a change and read without locks.
 */
class ExactSubscriptions extends AbstractSubscriptionRegistry {

    private static final MultiValueMap<String, String> NONE = new LinkedMultiValueMap<>();

    /** Destination → (session id → its subscription ids), each value never modified once published. */
    private final Map<String, MultiValueMap<String, String>> subscribers = new ConcurrentHashMap<>();
    /** Session id → (subscription id → destination): what a session's unsubscribe or disconnect removes. */
    private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

    @Override
    protected void addSubscriptionInternal(String sessionId, String subscriptionId, String destination, Message<?> message) {
        String previous = sessions.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(subscriptionId, destination);
        if (previous != null) {
            // STOMP ids are the client's: a reused id replaces its earlier subscription.
            removeSubscriber(previous, sessionId, subscriptionId);
        }
        subscribers.compute(destination, (key, current) -> {
            MultiValueMap<String, String> next = copyOf(current);
            next.add(sessionId, subscriptionId);
            return next;
        });
    }

    @Override
    protected void removeSubscriptionInternal(String sessionId, String subscriptionId, Message<?> message) {
        Map<String, String> subscriptions = sessions.get(sessionId);
        String destination = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (destination != null) {
            removeSubscriber(destination, sessionId, subscriptionId);
        }
    }

    @Override
    public void unregisterAllSubscriptions(String sessionId) {
        Map<String, String> subscriptions = sessions.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.forEach((subscriptionId, destination) -> removeSubscriber(destination, sessionId, subscriptionId));
        }
    }

    @Override
    protected MultiValueMap<String, String> findSubscriptionsInternal(String destination, Message<?> message) {
        return subscribers.getOrDefault(destination, NONE);
    }

    private void removeSubscriber(String destination, String sessionId, String subscriptionId) {
        subscribers.computeIfPresent(destination, (key, current) -> {
            MultiValueMap<String, String> next = copyOf(current);
            List<String> ids = next.get(sessionId);
            if (ids != null) {
                ids.remove(subscriptionId);
                if (ids.isEmpty()) {
                    next.remove(sessionId);
                }
            }
            return next.isEmpty() ? null : next;
        });
    }

    private static MultiValueMap<String, String> copyOf(MultiValueMap<String, String> current) {
        MultiValueMap<String, String> copy = new LinkedMultiValueMap<>();
        if (current != null) {
            current.forEach((sessionId, ids) -> copy.put(sessionId, new ArrayList<>(ids)));
        }
        return copy;
    }
}
