package parley.client.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The command line: options ({@code --url}, {@code --keys}, {@code --device}) anywhere before the words, then
 * {@code register USER [DISPLAY_NAME]} or {@code login USER [chats | chat PEER | group GROUP_ID | send PEER TEXT |
 * read PEER | safety-number TARGET | trust PEER]}. {@code PARLEY_URL} and {@code PARLEY_KEYS} give {@code --url} and {@code --keys} their defaults, so
 * the same commands run against another platform (a test's, say) without being edited.
 *
 * @param text what {@code send} sends (the words after the peer, joined by spaces); null otherwise
 */
record CliArguments(String url, Path keys, String device, String action, String username, String displayName,
                    String mode, String target, String text) {

    static final String DEFAULT_URL = "http://localhost:8080";

    static final String USAGE = """
            usage: ./parley cli [--url URL] [--keys DIR] [--device ID] register USER [DISPLAY_NAME]
                   ./parley cli [--url URL] [--keys DIR] [--device ID] login USER [chats | chat PEER | group GROUP_ID]
                   ./parley cli [--url URL] [--keys DIR] [--device ID] login USER send PEER TEXT...
                   ./parley cli [--url URL] [--keys DIR] [--device ID] login USER read PEER
                   ./parley cli [--url URL] [--keys DIR] [--device ID] login USER safety-number PEER_OR_GROUP_ID
                   ./parley cli [--url URL] [--keys DIR] [--device ID] login USER trust PEER
              register prints the new user's id. PEER is a user id, or the display name of someone you already
              have a private chat with. send sends one message and read prints the chat's latest messages, then
              both exit; in chat and group every line you type is sent, /quit leaves. safety-number prints the
              number to compare out of band with PEER, or with each member of a group; trust accepts PEER's
              current devices after you compared it (a send to a device never announced is refused until then).
              The password is read from PARLEY_PASSWORD, else asked for. PARLEY_URL and PARLEY_KEYS set the
              defaults of --url (http://localhost:8080) and --keys (~/.parley/keys).""";

    private static final List<String> MODES = List.of("chats", "chat", "group", "send", "read", "safety-number", "trust");

    /** Parses with the defaults this process's environment sets. */
    static CliArguments parse(List<String> args) {
        return parse(args, System.getenv());
    }

    static CliArguments parse(List<String> args, Map<String, String> env) {
        String url = nonBlank(env.get("PARLEY_URL"), DEFAULT_URL);
        String keysFromEnv = nonBlank(env.get("PARLEY_KEYS"), null);
        Path keys = keysFromEnv == null ? null : Path.of(keysFromEnv);
        String device = null;
        Deque<String> words = new ArrayDeque<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--url" -> url = value(args, ++i, arg);
                case "--keys" -> keys = Path.of(value(args, ++i, arg));
                case "--device" -> device = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    words.add(arg);
                }
            }
        }
        return fromWords(url, keys, device, words);
    }

    private static CliArguments fromWords(String url, Path keys, String device, Deque<String> words) {
        String action = next(words, "register or login");
        String username = next(words, "a user name");
        return switch (action) {
            case "register" -> done(new CliArguments(url, keys, device, action, username,
                    words.isEmpty() ? username : words.poll(), null, null, null), words);
            case "login" -> {
                String mode = words.isEmpty() ? "chats" : words.poll();
                if (!MODES.contains(mode)) {
                    throw new IllegalArgumentException("after login: chats, chat PEER, group GROUP_ID, send PEER TEXT, read PEER, safety-number TARGET or trust PEER, not "
                            + mode);
                }
                String target = mode.equals("chats") ? null : next(words, switch (mode) {
                    case "group" -> "a group id";
                    case "safety-number" -> "a peer or a group id";
                    default -> "a peer";
                });
                String text = mode.equals("send") ? String.join(" ", words) : null;
                if (text != null) {
                    if (text.isBlank()) {
                        throw new IllegalArgumentException("missing the text to send");
                    }
                    words.clear();
                }
                yield done(new CliArguments(url, keys, device, action, username, null, mode, target, text), words);
            }
            default -> throw new IllegalArgumentException("unknown command " + action);
        };
    }

    private static CliArguments done(CliArguments arguments, Deque<String> rest) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected " + rest.peek());
        }
        return arguments;
    }

    private static String next(Deque<String> words, String what) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return words.poll();
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static String nonBlank(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
