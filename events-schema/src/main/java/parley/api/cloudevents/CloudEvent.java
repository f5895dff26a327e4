package parley.api.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 JSON envelope as written to the {@code parley.chat-events} topic. {@code id} is
 * the Axon event identifier, so consumers can deduplicate redeliveries on it; {@code dataschema}
 * names the JSON Schema (type and revision) of {@code data}, see {@link ChatEventTypes#dataSchema}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String dataschema,
        Long sequence,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
