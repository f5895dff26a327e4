package parley.client.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StompCodecTest {

    @Test
    void aSendFrameIsEncodedWithItsByteLengthAndANulTerminator() {
        String encoded = StompCodec.encode(new StompFrame("SEND", Map.of("destination", "/app/private.send"), "{\"t\":\"é\"}"));

        assertThat(encoded).isEqualTo("SEND\ndestination:/app/private.send\ncontent-length:10\n\n{\"t\":\"é\"}\0");
    }

    @Test
    void headerNamesAndValuesAreEscapedExceptInConnect() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("a:b", "line1\nline2\r\\end:");
        assertThat(StompCodec.encode(StompFrame.of("SUBSCRIBE", headers)))
                .isEqualTo("SUBSCRIBE\na\\cb:line1\\nline2\\r\\\\end\\c\n\n\0");
        assertThat(StompCodec.encode(StompFrame.of("CONNECT", Map.of("Authorization", "Bearer a:b"))))
                .as("CONNECT is never escaped").isEqualTo("CONNECT\nAuthorization:Bearer a:b\n\n\0");
    }

    @Test
    void whatIsEncodedDecodesToTheSameFrame() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", "/user/queue/events");
        headers.put("odd:name", "value\nwith\\escapes:");
        StompFrame frame = new StompFrame("MESSAGE", headers, "{\"text\":\"zero\\u0000 and ümlaut\"}");

        List<StompFrame> decoded = new StompDecoder().feed(StompCodec.encode(frame));

        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0).command()).isEqualTo("MESSAGE");
        assertThat(decoded.get(0).header("odd:name")).isEqualTo("value\nwith\\escapes:");
        assertThat(decoded.get(0).body()).isEqualTo(frame.body());
    }

    @Test
    void aBodyWithNulIsReadByContentLength() {
        String wire = "MESSAGE\ncontent-length:3\n\na\0b\0";

        assertThat(new StompDecoder().feed(wire)).extracting(StompFrame::body).containsExactly("a\0b");
    }

    @Test
    void aBodyWithoutContentLengthEndsAtTheFirstNul() {
        assertThat(new StompDecoder().feed("MESSAGE\ndestination:/x\n\nhello\0"))
                .extracting(StompFrame::body).containsExactly("hello");
    }

    @Test
    void framesSplitAcrossMessagesAndHeartBeatsBetweenThemAreHandled() {
        StompDecoder decoder = new StompDecoder();

        assertThat(decoder.feed("\n\r\nMESS")).isEmpty();
        assertThat(decoder.feed("AGE\nsubscription:sub-1\n\n{\"a\"")).isEmpty();
        List<StompFrame> frames = decoder.feed(":1}\0\nRECEIPT\nreceipt-id:7\n\n\0\n");

        assertThat(frames).extracting(StompFrame::command).containsExactly("MESSAGE", "RECEIPT");
        assertThat(frames.get(0).body()).isEqualTo("{\"a\":1}");
        assertThat(frames.get(1).header("receipt-id")).isEqualTo("7");
        assertThat(decoder.heartBeats()).as("two before, one between, one after").isEqualTo(4);
    }

    @Test
    void crLfLineEndingsAreAccepted() {
        List<StompFrame> frames = new StompDecoder().feed("CONNECTED\r\nversion:1.2\r\nheart-beat:0,0\r\n\r\n\0");

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).header("version")).isEqualTo("1.2");
        assertThat(frames.get(0).header("heart-beat")).isEqualTo("0,0");
    }

    @Test
    void theFirstOfARepeatedHeaderWins() {
        assertThat(new StompDecoder().feed("MESSAGE\nfoo:first\nfoo:second\n\n\0").get(0).header("foo")).isEqualTo("first");
    }

    @Test
    void anUndefinedEscapeOrAMissingNulIsAProtocolError() {
        assertThatThrownBy(() -> new StompDecoder().feed("MESSAGE\nfoo:a\\tb\n\n\0"))
                .isInstanceOf(StompProtocolException.class).hasMessageContaining("undefined escape");
        assertThatThrownBy(() -> new StompDecoder().feed("MESSAGE\ncontent-length:1\n\nab\0"))
                .isInstanceOf(StompProtocolException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new StompDecoder().feed("MESSAGE\nno-colon\n\n\0"))
                .isInstanceOf(StompProtocolException.class);
    }

    @Test
    void anErrorFrameIsDecodedWithItsMessage() {
        StompFrame error = new StompDecoder().feed("ERROR\nmessage:invalid access token\n\n\0").get(0);

        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).isEqualTo("invalid access token");
    }
}
