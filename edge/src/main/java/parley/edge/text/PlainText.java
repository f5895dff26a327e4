package parley.edge.text;

import java.text.Normalizer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * Plain-text fields that other users see (display names, group names): Unicode-normalised (NFKC,
 * so look-alike compatibility forms collapse), control and formatting characters removed, markup
 * stripped by the OWASP HTML sanitizer's parser, and surrounding white space trimmed. The result
 * is text, not HTML: clients must still render it as text.
 */
public final class PlainText {

    /** Allows no element at all: only the text between tags survives (script and style bodies do not). */
    private static final PolicyFactory TEXT_ONLY = new HtmlPolicyBuilder().toFactory();

    private PlainText() {
    }

    /** Enough rounds for entity-encoded markup ({@code &amp;lt;b&amp;gt;}) to be decoded and then stripped. */
    private static final int MAX_ROUNDS = 4;

    public static String of(String input) {
        String text = input == null ? "" : input;
        // Decoding entities can reveal markup ("&lt;script&gt;"), so strip until nothing changes.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = once(text);
            if (next.equals(text)) {
                return next;
            }
            text = next;
        }
        return "";
    }

    private static String once(String input) {
        String normalised = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder text = new StringBuilder(normalised.length());
        HtmlSanitizer.sanitize(normalised, TEXT_ONLY.apply(new TextCollector(text)));
        return withoutInvisibles(text).strip();
    }

    private static String withoutInvisibles(CharSequence text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(PlainText::isVisibleOrSpace).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean isVisibleOrSpace(int codePoint) {
        int type = Character.getType(codePoint);
        if (Character.isWhitespace(codePoint)) {
            return codePoint == ' ';
        }
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }

    /** Receives the sanitizer's decoded text events and drops everything else. */
    private record TextCollector(StringBuilder text) implements HtmlStreamEventReceiver {

        @Override
        public void text(String chunk) {
            text.append(chunk);
        }

        @Override
        public void openDocument() {
        }

        @Override
        public void closeDocument() {
        }

        @Override
        public void openTag(String elementName, java.util.List<String> attributes) {
        }

        @Override
        public void closeTag(String elementName) {
        }
    }
}
