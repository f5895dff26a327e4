package parley.client.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes frames as STOMP 1.2 text: {@code COMMAND\nname:value\n...\n\nbody\0}. Header names and values are
 * escaped ({@code \\ \n \r :}) in every frame except CONNECT and CONNECTED, as the spec requires; a non-empty
 * body gets a {@code content-length} in bytes so a body may contain NUL.
 */
public final class StompCodec {

    /** A heart-beat is a lone end-of-line. */
    public static final String HEART_BEAT = "\n";

    private StompCodec() {
    }

    public static String encode(StompFrame frame) {
        boolean escaped = escapes(frame.command());
        StringBuilder text = new StringBuilder(frame.command()).append('\n');
        for (Map.Entry<String, String> header : frame.headers().entrySet()) {
            if (header.getKey().equals("content-length")) {
                continue; // always recomputed from the body
            }
            text.append(escaped ? escape(header.getKey()) : header.getKey()).append(':')
                    .append(escaped ? escape(header.getValue()) : header.getValue()).append('\n');
        }
        if (!frame.body().isEmpty()) {
            text.append("content-length:").append(frame.body().getBytes(StandardCharsets.UTF_8).length).append('\n');
        }
        return text.append('\n').append(frame.body()).append('\0').toString();
    }

    static boolean escapes(String command) {
        return !command.equals("CONNECT") && !command.equals("CONNECTED");
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case ':' -> out.append("\\c");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** @throws StompProtocolException for an escape sequence the spec does not define (a fatal error in 1.2) */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == value.length()) {
                throw new StompProtocolException("header ends inside an escape: " + value);
            }
            out.append(switch (value.charAt(i)) {
                case '\\' -> '\\';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'c' -> ':';
                default -> throw new StompProtocolException("undefined escape \\" + value.charAt(i) + " in a header");
            });
        }
        return out.toString();
    }
}
