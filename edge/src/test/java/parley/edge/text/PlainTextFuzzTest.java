package parley.edge.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the plain-text rule of names other users see with any Unicode, markup and entity tricks:
 * it never fails, what it returns is a fixed point (nothing left for another round to strip: no tag,
 * no entity that decodes to one) and holds no control, format, unassigned, private-use or lone
 * surrogate character, no white space but single-line spaces, none at either end.
 */
class PlainTextFuzzTest {

    @Property(tries = 2000)
    void plainTextIsVisibleTextAndAFixedPoint(@ForAll("hostileText") String input) {
        String text = PlainText.of(input);

        assertThat(PlainText.of(text)).as("a second pass changes nothing").isEqualTo(text);
        assertThat(text).isEqualTo(text.strip());
        text.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            assertThat(type).as("U+%04X", codePoint).isNotIn((int) Character.CONTROL, (int) Character.FORMAT,
                    (int) Character.UNASSIGNED, (int) Character.PRIVATE_USE, (int) Character.SURROGATE);
            assertThat(!Character.isWhitespace(codePoint) || codePoint == ' ').as("U+%04X", codePoint).isTrue();
        });
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.of("<", ">", "&", ";", "&lt;", "&gt;", "&amp;", "&#60;", "&#x3c;", "&#0;", "&#xD800;",
                        "<script>", "</script>", "<b>", "<!--", "-->", "<![CDATA[", "]]>", "<style>", "<img src=x onerror=1>",
                        "\u202E", "\u200B", "\uFEFF", "\uD800", "\uDC00", "\uD83D\uDE00", "\uFF1C", "\uFE64", "\u2028",
                        "\r\n", "\t", "\u00A0", "\u3000", "e\u0301", "\uFB01", "\u2126", "\u0000", "\uE000", "\uFFFF",
                        "&lt;scr&lt;script&gt;ipt&gt;", "&amp;lt;b&amp;gt;", "&amp;amp;lt;i&amp;amp;gt;x"));
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }
}
