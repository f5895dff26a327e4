package parley.api.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas ({@code schemas/<type>.rev<revision>.schema.json}, one per CloudEvents
 * type and payload revision) agree with the records: a field added, removed, renamed or retyped
 * without its schema fails here. To write the current revisions' files after a deliberate change
 * (which needs a new revision: docs/adr/0012), run this test with {@code -Dparley.schemas.write=true}.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<String> releasedTypes() {
        return ChatEventTypes.all().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("releasedTypes")
    void theCurrentRevisionsSchemaIsTheOneItsRecordDefines(String type) throws IOException {
        JsonNode generated = SchemaGenerator.schema(type);
        String resource = ChatEventTypes.schemaResource(ChatEventTypes.dataSchema(type));
        if (Boolean.getBoolean("parley.schemas.write")) {
            Files.writeString(Path.of("src/main/resources").resolve(resource), JSON.writeValueAsString(generated) + "\n");
        }
        assertThat(published(resource)).as("%s (rewrite with -Dparley.schemas.write=true after adding a revision)", resource)
                .isEqualTo(generated);
    }

    static Stream<String> publishedFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(EventSchemasTest.class.getResource("/schemas").toURI()))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Every file is a schema of a released type and revision, and its {@code $id} is that revision's {@code dataschema}. */
    @ParameterizedTest
    @MethodSource("publishedFiles")
    void everyPublishedSchemaNamesAReleasedTypeAndRevision(String file) {
        String name = file.substring(0, file.length() - ".schema.json".length());
        String type = name.substring(0, name.lastIndexOf(".rev"));
        int revision = Integer.parseInt(name.substring(name.lastIndexOf(".rev") + 4));
        JsonNode schema = published("schemas/" + file);

        assertThat(ChatEventTypes.payloadClass(type)).as("a released type").isPresent();
        assertThat(revision).isBetween(1, Integer.parseInt(ChatEventTypes.revision(type)));
        assertThat(schema.path("$id").asText()).isEqualTo(ChatEventTypes.dataSchema(type, Integer.toString(revision)));
        assertThat(SCHEMAS.getSchema(schema).validate(JSON.createObjectNode())).as("it requires something").isNotEmpty();
    }

    /** Each golden sample, carried as the publisher carries it, is valid in its own revision's schema, and only there. */
    @ParameterizedTest
    @MethodSource("parley.api.GoldenEventJsonTest#goldenFiles")
    void everyGoldenSampleIsValidInItsRevisionsSchema(String file) {
        String type = file.substring(0, file.indexOf(".rev"));
        String revision = file.substring(file.indexOf(".rev") + 4, file.length() - ".json".length());
        JsonNode data = published("golden/" + file).get("payload");

        assertThat(validate(cloudEvent(type, revision, data), revision)).isEmpty();
        ObjectNode withAnExtraField = data.deepCopy();
        withAnExtraField.put("notInTheRecord", 1);
        assertThat(validate(cloudEvent(type, revision, withAnExtraField), revision)).isNotEmpty();
        String current = ChatEventTypes.revision(type);
        if (!revision.equals(current)) {
            assertThat(validate(cloudEvent(type, current, data), current)).as("an older revision's data in the current schema")
                    .isNotEmpty();
        }
    }

    /** The errors of a CloudEvent in the schema of its type's {@code revision}. */
    static java.util.List<com.networknt.schema.Error> validate(JsonNode event, String revision) {
        String type = event.get("type").asText();
        Schema schema = SCHEMAS.getSchema(published(ChatEventTypes.schemaResource(ChatEventTypes.dataSchema(type, revision))));
        return schema.validate(event);
    }

    private static JsonNode cloudEvent(String type, String revision, JsonNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0").put("id", "e-1").put("source", "/parley/command-side").put("type", type)
                .put("time", "2026-11-24T12:00:00Z").put("subject", "s").put("datacontenttype", "application/json")
                .put("dataschema", ChatEventTypes.dataSchema(type, revision)).put("sequence", 3);
        event.set("data", data);
        return event;
    }

    /** A class-path resource (a published schema, a golden sample) as JSON. */
    static JsonNode published(String resource) {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
