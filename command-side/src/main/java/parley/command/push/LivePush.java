package parley.command.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.privatechat.PrivateMessageSent;

/**
 * Pushes chat events to the users connected to this node. Every node reads the whole stream in a
 * consumer group of its own, so a message reaches its recipient whichever node either user is on;
 * a node that was not running catches nothing up here (clients read history for that).
 */
@Component
class LivePush {

    static final String LISTENER_ID = "parley-live-push";
    private static final Logger log = LoggerFactory.getLogger(LivePush.class);
    private static final String EVENTS_QUEUE = "/queue/events";

    private final SimpMessagingTemplate messaging;
    private final ObjectMapper objectMapper;

    LivePush(SimpMessagingTemplate messaging, ObjectMapper objectMapper) {
        this.messaging = messaging;
        this.objectMapper = objectMapper;
    }

    @KafkaListener(id = LISTENER_ID, topics = ChatEventTypes.TOPIC,
            groupId = "parley-push-#{T(java.util.UUID).randomUUID()}",
            properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void onChatEvent(String value) {
        try {
            CloudEvent event = objectMapper.readValue(value, CloudEvent.class);
            if (!"parley.privatechat.PrivateMessageSent.v1".equals(event.type())) {
                return;
            }
            PrivateMessageSent sent = objectMapper.treeToValue(event.data(), PrivateMessageSent.class);
            MessageReceived received = MessageReceived.of(sent);
            messaging.convertAndSendToUser(sent.recipientId().toString(), EVENTS_QUEUE, received);
            messaging.convertAndSendToUser(sent.senderId().toString(), EVENTS_QUEUE, received);
        } catch (Exception e) {
            // A push is best effort: the message is stored and in history whatever happens here.
            log.warn("Could not push a chat event", e);
        }
    }
}
