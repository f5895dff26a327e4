package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.client.ParleyClient;
import parley.client.chats.HistoryWindow;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.messages.Sent;
import parley.client.session.Backoff;
import parley.command.CommandSideApplication;
import parley.command.testing.KafkaListeners;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.projections.ProjectionsApplication;
import parley.query.QuerySideApplication;

/**
 * Issue 6, acceptance 4, a rolling restart under load: SDK clients send end-to-end encrypted messages without pause
 * through node B while B shuts down (its context closes, as on SIGTERM). They are told to reconnect, move to node A
 * (the next of their base URLs) and go on sending. Every acknowledged message reaches the recipient and is in the
 * history, no client sees an error beyond a reconnect, and B is gone within its grace period.
 */
@PlatformTest
class RollingRestartEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);
    private static final String PASSWORD = "correct horse battery";
    private static final int SENDERS = 3;

    @TempDir
    Path keys;
    @Autowired
    Environment environment;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<ParleyClient> clients = new ArrayList<>();
    private ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-rolling");
        registry.add("parley.auth.cookies.secure", () -> "false");
        // not a rate-limit test: the senders send as fast as they can from one address
        registry.add("parley.ratelimit.classes.ip.limit", () -> "100000");
        registry.add("parley.ratelimit.classes.send.limit", () -> "100000");
    }

    @AfterEach
    void stop() {
        clients.forEach(ParleyClient::close);
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesANodeShuttingDownUnderLoad() throws Exception {
        nodeB = startNodeB();
        String nodeBUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort();
        String readerId = register("reader");
        List<String> senderIds = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senderIds.add(register("sender" + i));
        }
        Client reader = connect("reader", List.of(baseUrl()));
        List<Client> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(connect("sender" + i, List.of(nodeBUrl, baseUrl())));
        }
        for (Client sender : senders) {
            waiting().until(() -> listedDevices(sender, readerId) == 1);
        }
        senderIds.forEach(id -> waiting().until(() -> listedDevices(reader, id) == 1));
        assertThat(nodeB.getBean(SimpUserRegistry.class).getUserCount()).as("the senders are on node B").isEqualTo(SENDERS);

        Load load = new Load(senders, readerId);
        load.start();
        // Counted, not timed: on a slow machine two seconds may not hold a round of sends.
        waiting().until(() -> load.acknowledged.size() > 2 * SENDERS);
        long closing = System.nanoTime();
        nodeB.close();
        Duration closeTook = Duration.ofNanos(System.nanoTime() - closing);
        int ackedBeforeClose = load.acknowledged.size();
        // Every sender, once through node A after the close (or a failure to report).
        waiting().until(() -> !load.failures.isEmpty() || load.acknowledged.size() > ackedBeforeClose + SENDERS
                && senders.stream().allMatch(sender -> load.acknowledged.stream().skip(ackedBeforeClose)
                        .anyMatch(acked -> acked.text().endsWith(" from " + sender))));
        load.stop();

        assertThat(closeTook).as("node B exits within its grace period").isLessThan(GRACE_PERIOD);
        assertThat(load.failures).as("no client sees an error").isEmpty();
        assertThat(ackedBeforeClose).as("sent through node B").isGreaterThan(SENDERS);
        assertThat(load.acknowledged.size()).as("and then through node A").isGreaterThan(ackedBeforeClose + SENDERS);
        for (Client sender : senders) {
            assertThat(sender.events()).as("a reconnect, nothing else goes wrong for " + sender)
                    .filteredOn(event -> event instanceof ChatEvent.ConnectionChanged change && change.connected()
                            && change.detail().equals("reconnected")).isNotEmpty();
            assertThat(sender.events()).filteredOn(event -> event instanceof ChatEvent.ConnectionChanged change
                    && !change.connected()).allMatch(event -> ((ChatEvent.ConnectionChanged) event).retrying());
        }

        for (Acked acked : load.acknowledged) {
            ChatEvent.MessageDecrypted delivered = reader.awaitMessage(acked.sent());
            assertThat(delivered.text()).isEqualTo(acked.text());
        }
        Map<String, List<Acked>> byChat = load.acknowledged.stream().collect(Collectors.groupingBy(a -> a.sent().chatId()));
        byChat.forEach((chatId, acked) -> assertThat(history(reader, chatId)).as("history of " + chatId)
                .containsAllEntriesOf(acked.stream().collect(Collectors.toMap(a -> a.sent().seq(), Acked::text))));
        for (String chatId : byChat.keySet()) {
            List<Long> seqs = reader.events().stream().filter(ChatEvent.MessageDecrypted.class::isInstance)
                    .map(ChatEvent.MessageDecrypted.class::cast).filter(m -> m.chatId().equals(chatId))
                    .map(ChatEvent.MessageDecrypted::seq).toList();
            assertThat(seqs).as("delivered once each, in order").isSorted().doesNotHaveDuplicates();
        }
    }

    private ConfigurableApplicationContext startNodeB() {
        ConfigurableApplicationContext node = SecondNode.startLike(environment,
                new Class<?>[] {CommandSideApplication.class, ProjectionsApplication.class, QuerySideApplication.class},
                "--parley.shutdown.grace-period=" + GRACE_PERIOD.toSeconds() + "s",
                "--parley.projections.group-id=" + environment.getProperty("parley.projections.group-id"),
                "--parley.auth.cookies.secure=false",
                "--parley.ratelimit.classes.ip.limit=100000",
                "--parley.ratelimit.classes.send.limit=100000",
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--parley.query.read-datasource.maximum-pool-size=3");
        KafkaListeners.awaitAssignment(node.getBean(KafkaListenerEndpointRegistry.class));
        return node;
    }

    /** The reader's history of one chat, seq to text, read page by page from node A's query side. */
    private static Map<Long, String> history(Client reader, String chatId) {
        Map<Long, String> texts = new TreeMap<>();
        long after = 0;
        while (true) {
            List<ChatEvent> page = reader.client().history(chatId, HistoryWindow.after(after, HistoryWindow.MAX_LIMIT));
            for (ChatEvent event : page) {
                if (event instanceof ChatEvent.MessageDecrypted message) {
                    texts.put(message.seq(), message.text());
                    after = Math.max(after, message.seq());
                }
            }
            if (page.size() < HistoryWindow.MAX_LIMIT) {
                return texts;
            }
        }
    }

    private String register(String name) {
        return ParleyClient.builder(baseUrl()).register(name + "-" + run, PASSWORD, name);
    }

    private Client connect(String name, List<String> baseUrls) {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        ParleyClient client = ParleyClient.builder(baseUrls.get(0)).baseUrls(baseUrls).keyDirectory(keys).deviceId("phone")
                .backoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.5))
                .listener(events::add).connect(name + "-" + run, PASSWORD);
        clients.add(client);
        return new Client(client, events);
    }

    /** Read afresh each time: the client's own cache would keep an empty list read too early. */
    private static int listedDevices(Client viewer, String userId) {
        return viewer.client().api().get("/api/users/" + userId + "/devices").get("devices").size();
    }

    /** The read side is fed asynchronously: a user it has not projected yet answers 404 for a moment. */
    private static ConditionFactory waiting() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(ApiException.class);
    }

    record Acked(Sent sent, String text) {
    }

    record Client(ParleyClient client, List<ChatEvent> events) {

        /** The message's push, opened; an undecryptable one fails at once with the client's reason. */
        ChatEvent.MessageDecrypted awaitMessage(Sent sent) {
            ChatEvent outcome;
            try {
                outcome = waiting().until(() -> events.stream().filter(event -> isOutcomeOf(event, sent)).findFirst().orElse(null),
                        found -> found != null);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no push of " + sent.chatId() + "#" + sent.seq() + "; the reader saw seqs "
                        + events.stream().filter(ChatEvent.MessageDecrypted.class::isInstance).map(ChatEvent.MessageDecrypted.class::cast)
                                .filter(m -> m.chatId().equals(sent.chatId())).map(ChatEvent.MessageDecrypted::seq).toList(), e);
            }
            assertThat(outcome).as("the reader could open " + sent.chatId() + "#" + sent.seq() + ": " + outcome)
                    .isInstanceOf(ChatEvent.MessageDecrypted.class);
            return (ChatEvent.MessageDecrypted) outcome;
        }

        private static boolean isOutcomeOf(ChatEvent event, Sent sent) {
            return event instanceof ChatEvent.MessageDecrypted message && message.chatId().equals(sent.chatId())
                    && message.seq() == sent.seq()
                    || event instanceof ChatEvent.MessageUndecryptable undecryptable && undecryptable.chatId().equals(sent.chatId())
                    && undecryptable.seq() == sent.seq();
        }

        @Override
        public String toString() {
            return client.userId();
        }
    }

    /** Each sender sends to the reader without pause, on a thread of its own, until stopped. */
    private static final class Load {
        final List<Acked> acknowledged = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(List<Client> senders, String readerId) {
            for (Client sender : senders) {
                threads.add(new Thread(() -> sendUntilStopped(sender, readerId), "load-" + sender));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
            }
        }

        private void sendUntilStopped(Client sender, String readerId) {
            for (int i = 0; running.get(); i++) {
                String text = "message " + i + " from " + sender;
                try {
                    acknowledged.add(new Acked(sender.client().sendPrivate(readerId, text), text));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
    }
}
