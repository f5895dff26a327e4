package parley.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RepliesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReplyCompletesTheCommandWithItsIdOnly() throws Exception {
        Replies replies = new Replies();
        CompletableFuture<JsonNode> send = replies.expect("m-1");
        CompletableFuture<JsonNode> create = replies.expect("c-1");

        replies.received(json.readTree("{\"type\":\"MessageAccepted\",\"clientMessageId\":\"m-1\",\"seq\":4}"));
        replies.received(json.readTree("{\"type\":\"CommandAccepted\",\"clientCommandId\":\"other\"}"));

        assertThat(send).isCompleted();
        assertThat(send.get().get("seq").asLong()).isEqualTo(4);
        assertThat(create).isNotDone();
        replies.received(json.readTree("{\"type\":\"GroupCreated\",\"clientCommandId\":\"c-1\",\"groupId\":\"g\"}"));
        assertThat(create.get().get("groupId").asText()).isEqualTo("g");
    }
}
