package parley.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, acceptance 5: both committed API contracts are valid documents of their specifications.
 * The OpenAPI one is parsed by swagger-parser as 3.1 with no message at all; the AsyncAPI one is
 * validated against the official AsyncAPI 3.0.0 JSON Schema (vendored from the npm package
 * {@code @asyncapi/specs}, see {@code src/test/resources/asyncapi/README.md}), and every {@code $ref}
 * in it points at something, which the schema alone does not check.
 */
class ApiDocumentsValidTest {

    @Test
    void theOpenApiDocumentIsOpenApi31WithoutAnyParserMessage() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(Files.readString(ApiDocuments.openApiFile()), null, options);

        assertThat(result.getMessages()).as("swagger-parser's errors and warnings").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theAsyncApiDocumentIsValidAgainstTheAsyncApi300Schema() throws IOException {
        JsonNode document = ApiDocuments.asyncApi();
        Schema schema = asyncApiSchema();

        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(schema.validate(document)).as("errors against the AsyncAPI 3.0.0 schema").isEmpty();
        assertThat(danglingReferences(document, document)).as("$refs that point at nothing").isEmpty();
    }

    @Test
    void theAsyncApiSchemaCatchesAnInvalidDocument() throws IOException {
        // Proof that the validation above can fail: the same document with an operation of no known action.
        JsonNode document = ApiDocuments.asyncApi().deepCopy();
        ((ObjectNode) document.get("operations").get("privateSend")).put("action", "publish");

        assertThat(asyncApiSchema().validate(document)).isNotEmpty();
    }

    private static Schema asyncApiSchema() throws IOException {
        try (InputStream in = ApiDocumentsValidTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(new ObjectMapper().readTree(in));
        }
    }

    private static List<String> danglingReferences(JsonNode document, JsonNode node) {
        List<String> dangling = new ArrayList<>();
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
                dangling.add(ref.asText());
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                dangling.addAll(danglingReferences(document, field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> dangling.addAll(danglingReferences(document, element)));
        }
        return dangling;
    }
}
