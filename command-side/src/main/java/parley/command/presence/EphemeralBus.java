package parley.command.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.command.push.LocalSessions;

/**
 * Events that are neither event-sourced nor stored (typing, presence), carried between command-side
 * nodes on a Redis topic. Each message names its recipients; every node delivers it to those of
 * them connected to it. The same topic carries signals between the nodes themselves (such as
 * "this user's sessions were revoked"), handled by whoever registered for the signal. Publishing
 * goes through {@link EphemeralRedis} (short time-out, circuit breaker): it never holds a STOMP thread.
 */
@Component
public class EphemeralBus {

    private static final Logger log = LoggerFactory.getLogger(EphemeralBus.class);
    private static final String TOPIC = "parley:ephemeral";

    private final RedissonClient redis;
    private final EphemeralRedis calls;
    private final ObjectMapper objectMapper;
    private final LocalSessions sessions;
    private final Map<String, Consumer<String>> signalHandlers = new ConcurrentHashMap<>();

    EphemeralBus(RedissonClient redis, EphemeralRedis calls, ObjectMapper objectMapper, LocalSessions sessions) {
        this.redis = redis;
        this.calls = calls;
        this.objectMapper = objectMapper;
        this.sessions = sessions;
    }

    @PostConstruct
    void subscribe() {
        try {
            topic(redis).addListener(String.class, (channel, message) -> deliver(message));
        } catch (RuntimeException e) {
            log.warn("Redis is unreachable: typing and presence events will not cross nodes", e);
        }
    }

    public void publish(Collection<UUID> recipients, ObjectNode event) {
        ObjectNode message = objectMapper.createObjectNode();
        message.set("recipients", objectMapper.valueToTree(recipients));
        message.set("event", event);
        calls.call(client -> topic(client).publishAsync(message.toString()), null);
    }

    /** Tells every node, this one included, {@code signal} with a value. */
    public void publishSignal(String signal, String value) {
        ObjectNode message = objectMapper.createObjectNode().put("signal", signal).put("value", value);
        if (calls.call(client -> topic(client).publishAsync(message.toString()), null) == null) {
            log.warn("Could not publish the signal {} to Redis: other nodes do not get it", signal);
        }
    }

    public void onSignal(String signal, Consumer<String> handler) {
        signalHandlers.put(signal, handler);
    }

    private void deliver(String message) {
        try {
            JsonNode parsed = objectMapper.readTree(message);
            if (parsed.has("signal")) {
                signalHandlers.getOrDefault(parsed.get("signal").asText(), value -> { }).accept(parsed.path("value").asText());
                return;
            }
            List<String> recipients = new ArrayList<>();
            parsed.get("recipients").forEach(recipient -> recipients.add(recipient.asText()));
            for (String recipient : recipients) {
                sessions.sendToUser(recipient, parsed.get("event"));
            }
        } catch (Exception e) {
            log.warn("Could not deliver an ephemeral event", e);
        }
    }

    private static RTopic topic(RedissonClient client) {
        return client.getTopic(TOPIC, StringCodec.INSTANCE);
    }
}
