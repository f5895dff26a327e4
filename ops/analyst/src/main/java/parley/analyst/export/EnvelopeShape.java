package parley.analyst.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import parley.api.Envelope;

/**
 * What an export keeps of a message envelope: its version, algorithm, sending device, number of
 * recipient devices and size. Never the envelope itself: its ciphertext, wrapped keys and signature
 * are of no use to an analyst, and an envelope stored without encryption (the platform's test mode
 * {@code parley.e2ee.allow-unencrypted}) would otherwise leak its text into a file that is easy to
 * share. Read with a streaming parser that skips every value it does not keep.
 */
record EnvelopeShape(Integer version, String alg, String senderDevice, Integer recipients, int size) {

    private static final JsonFactory JSON = new JsonFactory();

    static EnvelopeShape of(Envelope envelope) {
        String json = envelope.json();
        Integer version = null;
        String alg = null;
        String senderDevice = null;
        Integer recipients = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new EnvelopeShape(null, null, null, null, utf8Length(json));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "v" -> version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "alg" -> alg = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "senderDeviceId" -> senderDevice = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "recipients" -> recipients = value == JsonToken.START_ARRAY ? countElements(parser) : null;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable envelope", e);
        }
        if (version == null || version != 1) {
            // Only v1's fields are checked by the server (docs/e2ee.md); anything else could be text a client chose.
            alg = null;
            senderDevice = null;
        }
        return new EnvelopeShape(version, alg, senderDevice, recipients, utf8Length(json));
    }

    /** The UTF-8 size without encoding a copy (an envelope is mostly base64: one byte a character). */
    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static int countElements(JsonParser parser) throws IOException {
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            count++;
        }
        return count;
    }
}
