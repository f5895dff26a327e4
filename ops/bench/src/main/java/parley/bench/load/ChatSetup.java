package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import parley.bench.Overloaded;
import parley.client.http.JsonHttp;
import parley.client.messages.PrivateChatIds;

/**
 * Makes the run's chats and their send routes. Users are split in order into chats of the shape's size; a
 * private chat's id is computed (the SDK's PrivateChatIds), a group is created by its first member with
 * {@code /app/group.create}.
 */
final class ChatSetup {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** The platform's default {@code parley.group.max-initial-members}: larger groups get the rest added afterwards. */
    private static final int MAX_INITIAL_MEMBERS = 100;
    private static final int PRIME_ATTEMPTS = 40;
    private static final long PRIME_RETRY_MILLIS = 250;

    private ChatSetup() {
    }

    static List<BenchChat> chats(ChatShape shape, List<UserSession> sessions, String runId, GroupsSettled settled) {
        List<BenchChat> chats = new ArrayList<>();
        for (int c = 0; c < shape.chats(); c++) {
            List<UserSession> members = sessions.subList(c * shape.groupSize(), (c + 1) * shape.groupSize());
            List<BenchUser> users = members.stream().map(UserSession::user).toList();
            String chatId = shape.privatePairs()
                    ? PrivateChatIds.of(users.get(0).userId(), users.get(1).userId())
                    : createGroup(members.get(0), users, "bench " + runId + " " + c, settled);
            chats.add(new BenchChat(c, chatId, !shape.privatePairs(), users));
        }
        return chats;
    }

    /** One route per (member, chat); sealed payloads are sealed here, once per route. */
    static List<SendRoute> routes(List<BenchChat> chats, Map<String, UserSession> sessionsByUserId, PayloadKind payload,
            int opaqueBytes) {
        List<SendRoute> routes = new ArrayList<>();
        String opaque = Payloads.opaque(opaqueBytes);
        // member-major order: consecutive sends go to different chats, as independent users' would
        int size = chats.get(0).members().size();
        for (int member = 0; member < size; member++) {
            for (BenchChat chat : chats) {
                BenchUser sender = chat.members().get(member);
                String json = payload == PayloadKind.SEALED ? Payloads.sealed(chat, sender) : opaque;
                routes.add(SendRoute.of(chat, member, sessionsByUserId.get(sender.userId()), json));
            }
        }
        return routes;
    }

    /**
     * Sends one message on every route and waits until each is accepted. The server checks an envelope's readers
     * against device lists built from the event stream, which may lag the registrations by a moment
     * ({@code STALE_DEVICES}/{@code UNKNOWN_DEVICE}): such a send is retried with the same id. Afterwards the
     * measured sends can only fail for reasons that matter. Also starts the private chats.
     */
    static void prime(List<SendRoute> routes, String runId, ExecutorService pool) {
        List<CompletableFuture<Void>> primed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            SendRoute route = routes.get(i);
            String id = "p" + runId + "-" + i;
            primed.add(CompletableFuture.runAsync(() -> prime(route, id), pool));
        }
        primed.forEach(CompletableFuture::join);
    }

    private static void prime(SendRoute route, String id) {
        for (int attempt = 1; ; attempt++) {
            JsonNode reply = route.session().request(route.destination(), route.body(id), id, COMMAND_TIMEOUT);
            if (reply.path("type").asText().equals("MessageAccepted")) {
                return;
            }
            if (Overloaded.is(reply)) {
                // a busy machine's node is behind on delivery: the same send after its wait, as every client does
                sleep(Overloaded.retryAfterMillis(reply));
                continue;
            }
            String code = reply.path("code").asText();
            boolean lagging = code.equals("STALE_DEVICES") || code.equals("UNKNOWN_DEVICE");
            if (!lagging || attempt == PRIME_ATTEMPTS) {
                throw new IllegalStateException(route.session().user().username() + " cannot send to " + route.chat().chatId()
                        + ": " + reply);
            }
            sleep(PRIME_RETRY_MILLIS);
        }
    }

    /**
     * Creates the group with as many members as a creation may name (the platform's default
     * {@code parley.group.max-initial-members}), then adds the others one by one.
     */
    private static String createGroup(UserSession creator, List<BenchUser> members, String name, GroupsSettled settled) {
        List<String> ids = members.stream().map(BenchUser::userId).toList();
        int initial = Math.min(ids.size(), MAX_INITIAL_MEMBERS);
        settled.expect(ids, initial);
        String commandId = "g-" + ids.get(0);
        String json = JsonHttp.write(Map.of("clientCommandId", commandId, "name", name, "memberIds", ids.subList(1, initial)));
        JsonNode reply = creator.request("/app/group.create", json, commandId, COMMAND_TIMEOUT);
        if (!reply.path("type").asText().equals("GroupCreated")) {
            throw new IllegalStateException("group.create refused: " + reply);
        }
        String groupId = reply.get("groupId").asText();
        for (String member : ids.subList(initial, ids.size())) {
            String addId = "add-" + member;
            JsonNode added = creator.request("/app/group.addMember",
                    JsonHttp.write(Map.of("clientCommandId", addId, "groupId", groupId, "userId", member)), addId, COMMAND_TIMEOUT);
            if (!added.path("type").asText().equals("CommandAccepted")) {
                throw new IllegalStateException("group.addMember refused: " + added);
            }
        }
        return groupId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
