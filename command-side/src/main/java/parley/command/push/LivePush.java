package parley.command.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import parley.api.ChatType;
import parley.api.cloudevents.ChatEventCodec;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.DecodedEvent;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.ReceiptAdvanced;
import parley.command.chat.membership.ChatDirectory;
import parley.command.overload.DeliveryBacklog;

/**
 * Pushes chat events to the users connected to this node. Every node reads the whole stream in a
 * consumer group of its own, so an event reaches its users whichever node they are on; a node that
 * was not running catches nothing up here (clients read history for that).
 *
 * <p>A push is best effort: whatever happens here, the event is stored and in history. So no record
 * is ever retried here (a record retried for ever would stop live delivery on this node for
 * everyone): one that cannot be read or pushed is skipped, logged with where it is, and counted in
 * {@code parley.push.skipped{reason}} ({@code unreadable}: not an event this version can decode;
 * {@code failed}: the push itself failed, e.g. the member lookup). An event type this version does
 * not know (a newer release's, during a rolling upgrade) is skipped and counted in
 * {@code parley.events.unknown.type{consumer=live-push,type}}; unknown fields are ignored.
 *
 * <p>The stream repeats records (a batch re-published, a poll re-read after a rebalance); a repeat of an
 * event already pushed here is not pushed again ({@link PushedEvents}) and is counted in
 * {@code parley.push.skipped{reason=duplicate}}.
 *
 * <p>A message pushed to at least one session here is timed from its timestamp ({@link DeliveryLatency}).
 *
 * <p>Every message event read here, pushed or not, tells the {@link DeliveryBacklog} that this node's
 * delivery path has caught up with it (back-pressure on sends waits on that).
 */
@Component
class LivePush implements ConsumerSeekAware {

    static final String LISTENER_ID = "parley-live-push";
    static final String SKIPPED = "parley.push.skipped";
    static final String CONSUMER = "live-push";
    private static final Logger log = LoggerFactory.getLogger(LivePush.class);

    private final LocalSessions sessions;
    private final ChatDirectory chats;
    private final ObjectMapper objectMapper;
    private final ChatEventCodec codec;
    private final PushProperties properties;
    private final Counter unreadable;
    private final Counter failed;
    private final Counter duplicate;
    private final PushedEvents pushed;
    private final MeterRegistry meters;
    private final DeliveryBacklog backlog;
    private final GroupCreations creations = new GroupCreations();
    private final DeliveryLatency latency;

    LivePush(LocalSessions sessions, ChatDirectory chats, ObjectMapper objectMapper, PushProperties properties,
            PushDedupProperties dedup, MeterRegistry meters, DeliveryBacklog backlog, Clock clock) {
        this.sessions = sessions;
        this.backlog = backlog;
        this.chats = chats;
        this.objectMapper = objectMapper;
        this.codec = new ChatEventCodec(objectMapper);
        this.properties = properties;
        this.meters = meters;
        this.unreadable = skipped(meters, "unreadable");
        this.failed = skipped(meters, "failed");
        this.duplicate = skipped(meters, "duplicate");
        this.pushed = new PushedEvents(dedup);
        this.latency = new DeliveryLatency(meters, clock);
    }

    private static Counter skipped(MeterRegistry meters, String reason) {
        return Counter.builder(SKIPPED).description("chat events not pushed live (they are in history)")
                .tag("reason", reason).register(meters);
    }

    /**
     * The container calls this once the partitions are assigned and each one's position resolved
     * ({@code consumer.position}, which applies {@code auto.offset.reset=latest}): every event appended
     * from now on will be read, so a send acknowledged from now on can be waited for.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty()) {
            backlog.startTracking();
        }
    }

    @KafkaListener(id = LISTENER_ID, topics = ChatEventTypes.TOPIC,
            groupId = "parley-push-#{T(java.util.UUID).randomUUID()}",
            properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void onChatEvent(ConsumerRecord<String, String> record) {
        DecodedEvent decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (RuntimeException e) {
            unreadable.increment();
            log.warn("Skipped pushing an unreadable chat event: topic={} partition={} offset={} key={}: {}",
                    record.topic(), record.partition(), record.offset(), record.key(), e.toString());
            return;
        }
        if (!(decoded instanceof DecodedEvent.Known known)) {
            skipUnknown(record, decoded.type());
            return;
        }
        Object event = known.payload();
        reached(event);
        if (!firstPush(known)) {
            duplicate.increment();
            log.debug("Not pushing a repeated chat event again: topic={} partition={} offset={} key={} id={}",
                    record.topic(), record.partition(), record.offset(), record.key(), known.envelope().id());
            return;
        }
        try {
            push(event);
        } catch (Exception e) {
            failed.increment();
            log.warn("Could not push a chat event: topic={} partition={} offset={} key={} type={}",
                    record.topic(), record.partition(), record.offset(), record.key(), event.getClass().getSimpleName(), e);
        }
    }

    /** A newer release's type (a rolling upgrade): nothing this version could push; counted and logged. */
    private void skipUnknown(ConsumerRecord<String, String> record, String type) {
        String tag = ChatEventTypes.unknownTypeTag(type);
        Counter.builder(ChatEventTypes.UNKNOWN_TYPE_COUNTER).description("chat events of a type this version does not know, skipped")
                .tag("consumer", CONSUMER).tag("type", tag).register(meters).increment();
        log.warn("Skipped pushing a chat event of an unknown type (a newer release's?): type={} topic={} partition={} offset={} key={}",
                tag, record.topic(), record.partition(), record.offset(), record.key());
    }

    /** A message by its chat and seq (the mark a session's order rests on), any other event by its id. */
    private boolean firstPush(DecodedEvent.Known known) {
        Object event = known.payload();
        if (event instanceof PrivateMessageSent sent) {
            return pushed.firstPushOfMessage(sent.chatId(), sent.seq());
        }
        if (event instanceof GroupMessageSent sent) {
            return pushed.firstPushOfMessage(sent.groupId(), sent.seq());
        }
        String id = known.envelope().id();
        return id == null || pushed.firstPushOfEvent(id);
    }

    private void reached(Object event) {
        if (event instanceof PrivateMessageSent sent) {
            backlog.reached(sent.messageId());
        } else if (event instanceof GroupMessageSent sent) {
            backlog.reached(sent.messageId());
        }
    }

    private void push(Object event) {
        if (event instanceof PrivateMessageSent sent) {
            if (sessions.send(List.of(sent.recipientId(), sent.senderId()), MessageReceived.of(sent)) > 0) {
                latency.privateMessagePushed(sent.sentAt());
            }
        } else if (event instanceof GroupMessageSent sent) {
            if (sessions.send(chats.members(sent.groupId()), MessageReceived.of(sent)) > 0) {
                latency.groupMessagePushed(sent.sentAt());
            }
        } else if (event instanceof ReceiptAdvanced receipt) {
            pushReceipt(receipt);
        } else if (event instanceof GroupCreated created) {
            creations.created(created);
        } else if (event instanceof MemberAdded added && creations.isInitial(added)) {
            pushTo(added.userId(), "MemberAdded", added);
        } else if (event instanceof MemberAdded added) {
            pushToChat(added.groupId(), added.userId(), "MemberAdded", added);
        } else if (event instanceof MemberRemoved removed) {
            pushToChat(removed.groupId(), removed.userId(), "MemberRemoved", removed);
        } else if (event instanceof GroupRenamed renamed) {
            pushToChat(renamed.groupId(), null, "GroupRenamed", renamed);
        } else if (event instanceof RoleChanged changed) {
            pushToChat(changed.groupId(), changed.userId(), "RoleChanged", changed);
        } else if (event instanceof MessageEdited edited) {
            pushToChat(edited.chatId(), null, "MessageEdited", edited);
        } else if (event instanceof MessageRedacted redacted) {
            pushToChat(redacted.chatId(), null, "MessageRedacted", redacted);
        } else if (event instanceof DeviceKeysPublished published) {
            pushDeviceListChanged(DeviceListChanged.published(published.userId(), published.deviceId()));
        } else if (event instanceof DeviceRevoked revoked) {
            pushDeviceListChanged(DeviceListChanged.revoked(revoked.userId(), revoked.deviceId()));
        }
    }

    private void pushReceipt(ReceiptAdvanced receipt) {
        List<UUID> members = chats.members(receipt.chatId());
        boolean fanOut = receipt.chatType() == ChatType.PRIVATE || members.size() <= properties.receiptFanoutLimit();
        sessions.send(fanOut ? members : List.of(receipt.userId()), ReceiptUpdated.of(receipt));
    }

    /** The user's own other devices and everyone who shares a chat with them encrypt for these devices. */
    private void pushDeviceListChanged(DeviceListChanged change) {
        Set<UUID> recipients = new HashSet<>(chats.contacts(change.userId(), properties.deviceChangeFanoutLimit()));
        recipients.add(change.userId());
        sessions.send(recipients, change);
    }

    /** A creation tells each initial member once, of their own joining (not members squared pushes). */
    private void pushTo(UUID userId, String type, Object event) {
        ObjectNode body = objectMapper.valueToTree(event);
        body.put("type", type);
        sessions.send(List.of(userId), body);
    }

    /** Chat changes go to the current members and to the member concerned (who may just have left). */
    private void pushToChat(UUID chatId, UUID concerned, String type, Object event) {
        Set<UUID> recipients = new HashSet<>(chats.members(chatId));
        if (concerned != null) {
            recipients.add(concerned);
        }
        ObjectNode body = objectMapper.valueToTree(event);
        body.put("type", type);
        sessions.send(recipients, body);
    }
}
