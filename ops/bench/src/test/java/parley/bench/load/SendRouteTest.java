package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.client.http.JsonHttp;

class SendRouteTest {

    private final BenchUser alice = new BenchUser(0, "alice", "00000000-0000-7000-8000-00000000000a", "t", null);
    private final BenchUser bob = new BenchUser(1, "bob", "00000000-0000-7000-8000-00000000000b", "t", null);

    @Test
    void aPrivateSendNamesThePeerAndCarriesThePayloadVerbatim() throws Exception {
        BenchChat chat = new BenchChat(0, "chat-1", false, List.of(alice, bob));
        SendRoute route = SendRoute.of(chat, 0, null, "{\"text\":\"hi\"}");

        JsonNode body = JsonHttp.JSON.readTree(route.body("m-1"));

        assertThat(route.destination()).isEqualTo("/app/private.send");
        assertThat(body.get("peerId").asText()).isEqualTo(bob.userId());
        assertThat(body.get("clientMessageId").asText()).isEqualTo("m-1");
        assertThat(body.get("envelope").get("text").asText()).isEqualTo("hi");
        assertThat(body.size()).isEqualTo(3);
        assertThat(route.recipients()).isEqualTo(1);
    }

    @Test
    void aGroupSendNamesTheGroup() throws Exception {
        BenchChat chat = new BenchChat(0, "group-1", true, List.of(alice, bob));
        SendRoute route = SendRoute.of(chat, 1, null, "{}");

        JsonNode body = JsonHttp.JSON.readTree(route.body("m-2"));

        assertThat(route.destination()).isEqualTo("/app/group.send");
        assertThat(body.get("groupId").asText()).isEqualTo("group-1");
        assertThat(chat.memberIndex(bob.userId())).isEqualTo(1);
    }
}
