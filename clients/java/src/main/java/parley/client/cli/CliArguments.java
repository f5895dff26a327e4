package parley.client.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The command line: options ({@code --url}, {@code --keys}, {@code --device}) anywhere before the words, then
 * {@code register USER [DISPLAY_NAME]} or {@code login USER [chats | chat PEER | group GROUP_ID | safety-number TARGET]}.
 */
record CliArguments(String url, Path keys, String device, String action, String username, String displayName,
                    String mode, String target) {

    static final String USAGE = """
            usage: parley [--url URL] [--keys DIR] [--device ID] register USER [DISPLAY_NAME]
                   parley [--url URL] [--keys DIR] [--device ID] login USER [chats | chat PEER | group GROUP_ID | safety-number PEER_OR_GROUP_ID]
              PEER is a user id, or the display name of someone you already have a private chat with.
              safety-number prints the number to compare out of band with PEER, or with each member of a group.
              The password is read from PARLEY_PASSWORD, else asked for.
              In a chat every line you type is sent; /quit leaves.""";

    static CliArguments parse(List<String> args) {
        String url = "http://localhost:8080";
        Path keys = null;
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
                    words.isEmpty() ? username : words.poll(), null, null), words);
            case "login" -> {
                String mode = words.isEmpty() ? "chats" : words.poll();
                if (!List.of("chats", "chat", "group", "safety-number").contains(mode)) {
                    throw new IllegalArgumentException("after login: chats, chat PEER, group GROUP_ID or safety-number TARGET, not "
                            + mode);
                }
                String target = mode.equals("chats") ? null : next(words, switch (mode) {
                    case "chat" -> "a peer";
                    case "group" -> "a group id";
                    default -> "a peer or a group id";
                });
                yield done(new CliArguments(url, keys, device, action, username, null, mode, target), words);
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
}
