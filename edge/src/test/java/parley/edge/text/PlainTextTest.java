package parley.edge.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Alice|Alice",
            "`  Bob  `|Bob",
            "<b>Bob</b>|Bob",
            "<script>alert(1)</script>Eve|Eve",
            "<img src=x onerror=alert(1)>Mallory|Mallory",
            "Tom &amp; Jerry|Tom & Jerry",
            "Tom & Jerry|Tom & Jerry",
            "&lt;script&gt;alert(1)&lt;/script&gt;Eve|Eve",
            "&amp;lt;b&amp;gt;Bold|Bold",
            "a < b|a < b",
            "Ｆｕｌｌｗｉｄｔｈ|Fullwidth",
            "`Zero\u200Bwidth`|Zerowidth",
            "`right\u202Eto-left`|rightto-left",
            "`tab\there`|tabhere",
            "Zoë|Zoë",
            "' OR '1'='1|' OR '1'='1",
            "<svg/onload=alert(1)>x|x",
            "Привет 世界|Привет 世界"
    })
    void keepsTextAndDropsMarkupAndInvisibles(String input, String expected) {
        assertThat(PlainText.of(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"<b>x</b>", "a < b", "Tom & Jerry", "&lt;i&gt;y", "Zoë"})
    void isIdempotent(String input) {
        String once = PlainText.of(input);
        assertThat(PlainText.of(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @CsvSource({"e\u0301", "é"})
    void composesCombiningMarks(String input) {
        assertThat(PlainText.of(input)).isEqualTo("é");
    }
}
