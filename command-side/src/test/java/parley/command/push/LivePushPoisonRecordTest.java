package parley.command.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import parley.api.cloudevents.ChatEventTypes;

/**
 * Issue 12, point 2 on the command side: a record live push cannot decode is skipped and counted at
 * once. It must not reach the container's error handler (whose retries would hold up every later
 * push on this node), and it must show on a metric, not only in a log line.
 */
class LivePushPoisonRecordTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    // An unreadable record never gets as far as the member lookup, the sessions or the delivery backlog.
    private final LivePush push = new LivePush(null, null, new ObjectMapper().findAndRegisterModules(),
            new PushProperties(100, 1000), PushDedupProperties.defaults(), meters, null, java.time.Clock.systemUTC());

    @Test
    void aRecordThatCannotBeDecodedIsSkippedAndCountedNotRetried() {
        ConsumerRecord<String, String> notAnEvent = new ConsumerRecord<>(ChatEventTypes.TOPIC, 3, 42L, "chat", "{\"type\":\u0000");
        ConsumerRecord<String, String> badPayload = new ConsumerRecord<>(ChatEventTypes.TOPIC, 3, 43L, "chat",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/t\",\"type\":\""
                        + ChatEventTypes.typeOf(parley.api.privatechat.PrivateMessageSent.class).orElseThrow()
                        + "\",\"data\":{\"seq\":\"not a number\"}}");

        assertThatCode(() -> push.onChatEvent(notAnEvent)).doesNotThrowAnyException();
        assertThatCode(() -> push.onChatEvent(badPayload)).doesNotThrowAnyException();

        assertThat(meters.get(LivePush.SKIPPED).tag("reason", "unreadable").counter().count()).isEqualTo(2.0);
    }
}
