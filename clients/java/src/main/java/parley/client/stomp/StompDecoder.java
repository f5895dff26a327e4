package parley.client.stomp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a stream of text (WebSocket messages, possibly split or holding several frames) into frames.
 * Works on UTF-8 bytes because {@code content-length} counts bytes. Heart-beats (EOLs between frames) are
 * counted, not returned. Not thread-safe: one decoder per connection, fed from its one reader.
 */
public final class StompDecoder {

    private byte[] buffer = new byte[0];
    private long heartBeats;

    /** Appends {@code text} and returns every frame now complete, in order; a partial frame waits for more. */
    public List<StompFrame> feed(String text) {
        byte[] more = text.getBytes(StandardCharsets.UTF_8);
        byte[] joined = Arrays.copyOf(buffer, buffer.length + more.length);
        System.arraycopy(more, 0, joined, buffer.length, more.length);
        buffer = joined;
        List<StompFrame> frames = new ArrayList<>();
        int position = 0;
        while (true) {
            position = skipHeartBeats(position);
            Decoded decoded = decodeAt(position);
            if (decoded == null) {
                break;
            }
            frames.add(decoded.frame());
            position = decoded.next();
        }
        buffer = Arrays.copyOfRange(buffer, position, buffer.length);
        return frames;
    }

    /** How many heart-beats have arrived so far. */
    public long heartBeats() {
        return heartBeats;
    }

    private int skipHeartBeats(int position) {
        while (position < buffer.length) {
            if (buffer[position] == '\n') {
                heartBeats++;
                position++;
            } else if (buffer[position] == '\r' && position + 1 < buffer.length && buffer[position + 1] == '\n') {
                heartBeats++;
                position += 2;
            } else {
                break;
            }
        }
        return position;
    }

    private record Decoded(StompFrame frame, int next) {
    }

    private Decoded decodeAt(int start) {
        int headerEnd = indexOfBlankLine(start);
        if (headerEnd < 0) {
            return null;
        }
        List<String> lines = lines(new String(buffer, start, headerEnd - start, StandardCharsets.UTF_8));
        String command = lines.get(0);
        Map<String, String> headers = headers(command, lines.subList(1, lines.size()));
        int bodyStart = headerEnd + blankLineLength(headerEnd);
        int bodyEnd = bodyEnd(headers, bodyStart);
        if (bodyEnd < 0 || bodyEnd >= buffer.length) {
            return null;
        }
        if (buffer[bodyEnd] != 0) {
            throw new StompProtocolException("frame body not followed by NUL");
        }
        String body = new String(buffer, bodyStart, bodyEnd - bodyStart, StandardCharsets.UTF_8);
        return new Decoded(new StompFrame(command, headers, body), bodyEnd + 1);
    }

    private int bodyEnd(Map<String, String> headers, int bodyStart) {
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return bodyStart + Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                throw new StompProtocolException("content-length is not a number: " + length);
            }
        }
        for (int i = bodyStart; i < buffer.length; i++) {
            if (buffer[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the EOL that ends the header block (the empty line), or -1 if not yet received. */
    private int indexOfBlankLine(int start) {
        for (int i = start; i < buffer.length; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < buffer.length && buffer[next] == '\n') {
                return next;
            }
            if (next + 1 < buffer.length && buffer[next] == '\r' && buffer[next + 1] == '\n') {
                return next;
            }
        }
        return -1;
    }

    private int blankLineLength(int at) {
        return buffer[at] == '\r' ? 2 : 1;
    }

    private static List<String> lines(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static Map<String, String> headers(String command, List<String> lines) {
        boolean escaped = StompCodec.escapes(command);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new StompProtocolException("header without a colon: " + line);
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            headers.putIfAbsent(escaped ? StompCodec.unescape(name) : name, escaped ? StompCodec.unescape(value) : value);
        }
        return headers;
    }
}
