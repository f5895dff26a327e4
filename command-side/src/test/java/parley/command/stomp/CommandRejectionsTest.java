package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import parley.command.rejection.RejectionCode;
import parley.edge.storage.StorageOutage;

/** What a client is told when a command fails for a reason of the server's own, not of the command. */
class CommandRejectionsTest {

    private final CommandRejections rejections = new CommandRejections(new FrameBodies(new ObjectMapper()),
            new CommandOutcomes(new SimpleMeterRegistry()));
    private final Message<byte[]> send = MessageBuilder
            .withPayload("{\"peerId\":\"x\",\"clientMessageId\":\"c-1\"}".getBytes(StandardCharsets.UTF_8)).build();

    @Test
    void anUnreachableEventStoreIsAnswerSendItAgainWithTheClientsId() {
        for (Exception outage : new Exception[] {
            new CommandExecutionException("append failed", new EventStoreException("store",
                    new SQLException("An I/O error occurred while sending to the backend.", "08006"))),
            new IllegalStateException(new SQLException("terminating connection due to administrator command", "57P01")),
            new IllegalStateException(new SQLException("sorry, too many clients already", "53300")),
            new IllegalStateException(new SQLTransientConnectionException("parley - Connection is not available")),
        }) {
            Object reply = rejections.rejected(outage, send);

            assertThat(reply).as(outage.toString()).isInstanceOfSatisfying(Replies.RetryLater.class, later -> {
                assertThat(later.code()).isEqualTo(RejectionCode.UNAVAILABLE);
                assertThat(later.clientMessageId()).isEqualTo("c-1");
                assertThat(later.retryAfterMs()).isEqualTo(StorageOutage.RETRY_AFTER_MS);
            });
        }
    }

    @Test
    void anythingElseUnexpectedIsStillAnInternalError() {
        for (Exception failure : new Exception[] {
            new IllegalStateException("a bug"),
            new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key", "23505")),
            new IllegalStateException(new SQLException("syntax error", "42601")),
        }) {
            Object reply = rejections.rejected(failure, send);

            assertThat(reply).as(failure.toString()).isInstanceOfSatisfying(Replies.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(RejectionCode.INTERNAL_ERROR));
        }
    }
}
