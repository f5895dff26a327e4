package parley.query.chat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.query.QueryPlans;

/** Every query on the chat-list and history paths is served by an index. */
class ChatQueryPlansTest {

    private static QueryPlans plans;
    private static final Map<String, Object> CHAT_AND_USER = Map.of("chat", UUID.randomUUID(), "user", UUID.randomUUID());

    @BeforeAll
    static void schema() {
        plans = QueryPlans.onFreshDatabase();
    }

    @AfterAll
    static void close() {
        plans.close();
    }

    @Test
    void chatList() {
        print("chat list", plans.assertIndexed(ChatReads.CHAT_LIST, Map.of("user", UUID.randomUUID())));
    }

    @Test
    void participationChecks() {
        print("private access", plans.assertIndexed(ChatReads.PRIVATE_ACCESS, CHAT_AND_USER));
        print("group access", plans.assertIndexed(ChatReads.GROUP_ACCESS, CHAT_AND_USER));
    }

    @Test
    void readYourWritesChecks() {
        print("seq reached", plans.assertIndexed(ChatReads.SEQ_REACHED, Map.of("chat", UUID.randomUUID(), "seq", 7L)));
        print("chat's last seq", plans.assertIndexed(ChatReads.LAST_SEQ, Map.of("chat", UUID.randomUUID())));
    }

    @Test
    void historyPages() {
        Map<String, Object> page = Map.of("chat", UUID.randomUUID(), "bound", 500L, "floor", 0L, "limit", 51);
        print("history backwards", plans.assertIndexed(ChatReads.PAGE_BACKWARDS, page));
        print("history forwards", plans.assertIndexed(ChatReads.PAGE_FORWARDS, page));
    }

    @Test
    void receiptsAndStatus() {
        Map<String, Object> chat = Map.of("chat", UUID.randomUUID());
        Map<String, Object> status = Map.of("chat", UUID.randomUUID(), "sender", UUID.randomUUID(), "seq", 7L);
        print("private receipts", plans.assertIndexed(ReceiptReads.PRIVATE_RECEIPTS, chat));
        print("group receipts", plans.assertIndexed(ReceiptReads.GROUP_RECEIPTS, chat));
        print("message sender", plans.assertIndexed(ReceiptReads.SENDER, Map.of("chat", UUID.randomUUID(), "seq", 7L)));
        print("private status", plans.assertIndexed(ReceiptReads.PRIVATE_STATUS, status));
        print("group status", plans.assertIndexed(ReceiptReads.GROUP_STATUS, status));
        print("group size", plans.assertIndexed(ReceiptReads.GROUP_SIZE, chat));
    }

    private static void print(String name, String plan) {
        System.out.printf("-- %s%n%s%n%n", name, plan);
    }
}
