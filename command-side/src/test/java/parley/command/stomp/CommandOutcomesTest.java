package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import parley.command.rejection.RejectionCode;

/** One count per answered command: accepted, or rejected with its code, never both. */
class CommandOutcomesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandOutcomes outcomes = new CommandOutcomes(meters);
    private final Message<String> frame = MessageBuilder.withPayload("{}").build();

    @Test
    void aHandlerThatReturnedIsAcceptedUnderItsOwnDestination() {
        handle(() -> outcomes.started("private.send"), null);

        assertThat(count("private.send", "accepted", "none")).isEqualTo(1);
        assertThat(meters.find(CommandOutcomes.METER).tag("outcome", "rejected").counter()).isNull();
    }

    @Test
    void aRejectionIsCountedOnceWithItsCodeAndNotAsAccepted() {
        handle(() -> {
            outcomes.started("group.removeMember");
            outcomes.rejected(RejectionCode.FORBIDDEN);
            outcomes.rejected(RejectionCode.FORBIDDEN);
        }, null);

        assertThat(count("group.removeMember", "rejected", "FORBIDDEN")).isEqualTo(1);
        assertThat(meters.find(CommandOutcomes.METER).tag("outcome", "accepted").counter()).isNull();
    }

    @Test
    void aFailureNoHandlerAnsweredIsAnInternalError() {
        handle(() -> outcomes.started("chat.read"), new IllegalStateException("boom"));

        assertThat(count("chat.read", "rejected", "INTERNAL_ERROR")).isEqualTo(1);
    }

    @Test
    void aFrameNoHandlerTookIsNotCountedAndNothingLeaksIntoTheNextFrame() {
        handle(() -> { }, null);
        handle(() -> outcomes.rejected(RejectionCode.INVALID_COMMAND), null);

        assertThat(meters.find(CommandOutcomes.METER).counters()).singleElement()
                .satisfies(counter -> assertThat(counter.getId().getTag("destination")).isEqualTo(CommandOutcomes.UNKNOWN_DESTINATION));
    }

    private void handle(Runnable handler, Exception failure) {
        outcomes.beforeHandle(frame, null, null);
        handler.run();
        outcomes.afterMessageHandled(frame, null, null, failure);
    }

    private double count(String destination, String outcome, String code) {
        Counter counter = meters.find(CommandOutcomes.METER).tags("destination", destination, "outcome", outcome, "code", code).counter();
        return counter == null ? 0 : counter.count();
    }
}
