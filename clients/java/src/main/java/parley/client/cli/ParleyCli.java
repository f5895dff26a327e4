package parley.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.UUID;
import parley.client.ParleyClient;
import parley.client.ParleyClientBuilder;
import parley.client.chats.ChatSummary;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.messages.PrivateChatIds;
import parley.client.session.CommandRejectedException;
import parley.client.stomp.StompConnectException;

/**
 * A terminal chat on the SDK: {@code register}, or {@code login} and then list chats, chat with a peer or in a
 * group, or (for scripts and the README's first steps) send one message or print a chat and exit. Incoming
 * messages of the open chat print as {@code [seq] sender: text}. See clients/java/README.md.
 */
public final class ParleyCli {

    private final CliArguments arguments;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<String> password;

    private ParleyCli(CliArguments arguments, BufferedReader in, PrintStream out, PrintStream err, Supplier<String> password) {
        this.arguments = arguments;
        this.in = in;
        this.out = out;
        this.err = err;
        this.password = password;
    }

    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(Arrays.asList(args), in, out, err, ParleyCli::password));
    }

    /**
     * The whole CLI without the process around it (tests drive it with their own streams).
     *
     * @return the exit status: 0 done, 1 refused by the server or unreachable, 2 bad usage
     */
    public static int run(List<String> args, BufferedReader in, PrintStream out, PrintStream err, Supplier<String> password) {
        try {
            new ParleyCli(CliArguments.parse(args), in, out, err, password).run();
            return 0;
        } catch (IllegalArgumentException badUsage) {
            err.println(badUsage.getMessage());
            err.println(CliArguments.USAGE);
            return 2;
        } catch (ApiException | CommandRejectedException refused) {
            err.println(refused.getMessage());
            return 1;
        } catch (UncheckedIOException | StompConnectException unreachable) {
            err.println("cannot reach the server: " + unreachable.getMessage());
            return 1;
        }
    }

    private void run() {
        ParleyClientBuilder builder = ParleyClient.builder(arguments.url());
        if (arguments.keys() != null) {
            builder.keyDirectory(arguments.keys());
        }
        if (arguments.device() != null) {
            builder.deviceId(arguments.device());
        }
        if (arguments.action().equals("register")) {
            // Only the id goes to standard output, so a script can keep it: BOB=$(./parley cli register bob Bob)
            String userId = builder.register(arguments.username(), password.get(), arguments.displayName());
            err.println("registered " + arguments.username() + " (" + arguments.displayName() + ")");
            out.println(userId);
            return;
        }
        ChatView view = new ChatView(out);
        boolean live = List.of("chat", "group").contains(arguments.mode()); // one-shot modes print no live events
        try (ParleyClient client = builder.listener(live ? view::show : event -> { })
                .connect(arguments.username(), password.get())) {
            out.println("logged in as " + arguments.username() + " (user " + client.userId() + ", device " + client.deviceId() + ")");
            switch (arguments.mode()) {
                case "chat" -> chat(client, view, peerOf(client, arguments.target()));
                case "group" -> group(client, view, arguments.target());
                case "send" -> new OneShot(client, out, err).send(peerOf(client, arguments.target()), arguments.text());
                case "read" -> new OneShot(client, out, err).read(peerOf(client, arguments.target()));
                case "safety-number" -> safetyNumbers(client, arguments.target());
                case "trust" -> trust(client, peerOf(client, arguments.target()));
                default -> client.chats().forEach(chat -> out.println(describe(chat)));
            }
        }
    }

    private void chat(ParleyClient client, ChatView view, String peerId) {
        String chatId = PrivateChatIds.of(client.userId(), peerId);
        String title = client.chats().stream().filter(chat -> chat.chatId().equals(chatId)).map(ChatSummary::title)
                .findFirst().orElse(null);
        view.open(chatId, client.userId(), title);
        typeLines(text -> client.sendPrivate(peerId, text));
    }

    private void group(ParleyClient client, ChatView view, String groupId) {
        view.open(groupId, client.userId(), null);
        typeLines(text -> client.sendGroup(groupId, text));
    }

    /** Per member for a group this user is in, else for the peer (docs/e2ee.md, "Safety numbers"). */
    private void safetyNumbers(ParleyClient client, String target) {
        boolean group = client.chats().stream().anyMatch(chat -> chat.isGroup() && chat.chatId().equals(target));
        if (group) {
            out.println("safety numbers in group " + target + " (compare each with that member out of band):");
            client.safetyNumbers(target).forEach((member, number) -> out.println("  " + member + "  " + number));
            return;
        }
        String peerId = peerOf(client, target);
        out.println("safety number with " + peerId + " (compare it out of band):");
        out.println("  " + client.safetyNumber(peerId));
    }

    /**
     * The way out of a refused send after a contact's devices changed unannounced (docs/e2ee.md): the
     * user has compared the new safety number out of band and accepts the contact's current devices.
     */
    private void trust(ParleyClient client, String peerId) {
        int devices = client.trustCurrentDevices(peerId).size();
        out.println("trusted " + devices + " device(s) of " + peerId + "; safety number now:");
        out.println("  " + client.safetyNumber(peerId));
    }

    private void typeLines(java.util.function.Consumer<String> send) {
        out.println("type a message and Enter to send; /quit to leave");
        try {
            for (String line = in.readLine(); line != null && !line.equals("/quit"); line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    send.accept(line);
                } catch (RuntimeException failed) {
                    out.println("! not sent: " + failed.getMessage());
                }
            }
        } catch (IOException e) {
            out.println("! input closed: " + e.getMessage());
        }
    }

    /** A user id as given, or the peer of an existing private chat whose title (display name) matches. */
    private static String peerOf(ParleyClient client, String peer) {
        try {
            return UUID.fromString(peer).toString();
        } catch (IllegalArgumentException notAnId) {
            return client.chats().stream()
                    .filter(chat -> !chat.isGroup() && peer.equalsIgnoreCase(chat.title()))
                    .map(ChatSummary::peerId).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no private chat with " + peer
                            + "; the protocol has no user search, so start the first chat with the user's id"));
        }
    }

    private static String describe(ChatSummary chat) {
        return String.format("%-7s %s  %s  (last seq %d, %d unread)%s", chat.type(), chat.chatId(), chat.title(),
                chat.lastSeq(), chat.unreadCount(), chat.peerId() == null ? "" : " peer " + chat.peerId());
    }

    /** A warning as Signal gives it: who, what changed, and the new number to compare. */
    static String describe(ChatEvent.ContactDevicesChanged change, String me) {
        String who = change.userId().equals(me) ? "your own account" : change.userId();
        String what = "! the devices of " + who + " changed (added " + change.added() + ", removed " + change.removed() + ")";
        if (change.newSafetyNumber() == null) {
            return what + ": if you did not do this, someone else can now read your messages";
        }
        return what + ": safety number was " + change.oldSafetyNumber() + ", now " + change.newSafetyNumber()
                + "; compare it with them out of band before trusting this chat";
    }

    private static String password() {
        String fromEnvironment = System.getenv("PARLEY_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: set PARLEY_PASSWORD");
        }
        return new String(console.readPassword("password: "));
    }

    /** Prints the open chat's messages; other chats' messages as a one-line notice. */
    static final class ChatView {
        private final PrintStream out;
        private volatile String chatId;
        private volatile String me;
        private volatile String peerName;

        ChatView(PrintStream out) {
            this.out = out;
        }

        /** @param peerName how to call the other side of a private chat; null shows user ids */
        void open(String chatId, String me, String peerName) {
            this.chatId = chatId;
            this.me = me;
            this.peerName = peerName;
        }

        void show(ChatEvent event) {
            String line = format(event, chatId, me, peerName);
            if (line != null) {
                out.println(line);
            }
        }

        static String format(ChatEvent event, String openChat, String me, String peerName) {
            if (event instanceof ChatEvent.MessageDecrypted message) {
                if (!message.chatId().equals(openChat)) {
                    return "* new message in chat " + message.chatId();
                }
                String sender = message.senderId().equals(me) ? "me" : peerName != null ? peerName : message.senderId();
                return "[" + message.seq() + "] " + sender + ": " + message.text();
            }
            if (event instanceof ChatEvent.MessageUndecryptable bad && bad.chatId().equals(openChat)) {
                return "[" + bad.seq() + "] " + bad.senderId() + ": <not readable: " + bad.reason() + ">";
            }
            if (event instanceof ChatEvent.ContactDevicesChanged change) {
                return describe(change, me);
            }
            if (event instanceof ChatEvent.ConnectionChanged change) {
                return "* " + (change.connected() ? "connected" : "disconnected: " + change.detail()
                        + (change.retrying() ? ", reconnecting" : ""));
            }
            return null;
        }
    }
}
