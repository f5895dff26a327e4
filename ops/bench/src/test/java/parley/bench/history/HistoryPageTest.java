package parley.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parley.client.http.JsonHttp;
import org.junit.jupiter.api.Test;

class HistoryPageTest {

    @Test
    void aFullPageOfConsecutiveSeqsRightBelowTheBoundIsRight() {
        assertThat(HistoryPage.problem(page(99, 98, 97), 100, 3)).isNull();
    }

    @Test
    void aShortPageIsWrong() {
        assertThat(HistoryPage.problem(page(99, 98), 100, 3)).contains("expected 3", "got 2");
    }

    @Test
    void aGapOrAWrongStartIsWrong() {
        assertThat(HistoryPage.problem(page(99, 97, 96), 100, 3)).contains("seq 97", "expected 98");
        assertThat(HistoryPage.problem(page(100, 99, 98), 100, 3)).contains("seq 100");
    }

    @Test
    void anOldestFirstPageIsWrong() {
        assertThat(HistoryPage.problem(page(97, 98, 99), 100, 3)).isNotNull();
    }

    @Test
    void aBodyWithoutMessagesIsWrong() {
        assertThat(HistoryPage.problem(JsonHttp.JSON.createObjectNode(), 100, 3)).contains("got none");
    }

    private static ObjectNode page(long... seqs) {
        ObjectNode body = JsonHttp.JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (long seq : seqs) {
            messages.addObject().put("seq", seq);
        }
        return body;
    }
}
