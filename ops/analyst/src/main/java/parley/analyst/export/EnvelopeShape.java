package parley.analyst.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                return new EnvelopeShape(null, null, null, null, envelope.sizeInBytes());
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
        return new EnvelopeShape(version, alg, senderDevice, recipients, json.getBytes(StandardCharsets.UTF_8).length);
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
