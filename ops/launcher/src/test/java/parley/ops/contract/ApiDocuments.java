package parley.ops.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The committed API contracts, {@code docs/api/openapi.json} and {@code docs/api/asyncapi.yaml}, read
 * from the repository the tests run in, and the little JSON-pointer navigation the tests need (the contract
 * tests here, the attack suite's fuzzer, which takes every endpoint and command from them).
 */
public final class ApiDocuments {

    static final String REGENERATE = "parley.api.regenerate";

    private ApiDocuments() {
    }

    static Path openApiFile() {
        return repositoryRoot().resolve("docs/api/openapi.json");
    }

    static Path asyncApiFile() {
        return repositoryRoot().resolve("docs/api/asyncapi.yaml");
    }

    public static JsonNode openApi() {
        return read(new ObjectMapper(), openApiFile());
    }

    public static JsonNode asyncApi() {
        return read(new YAMLMapper(), asyncApiFile());
    }

    /** Follows {@code $ref}s within the document until a node that is not a reference. */
    public static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new AssertionError("unresolvable $ref " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new AssertionError("$ref " + ref + " points at nothing");
            }
        }
        return current;
    }

    /** The keys of an object; none for a missing or null node (a schema without properties). */
    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        if (object == null) {
            return names;
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("parley")) && Files.isDirectory(dir.resolve("docs/api"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
