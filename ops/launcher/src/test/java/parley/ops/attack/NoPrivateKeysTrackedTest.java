package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No private key is ever committed: every file git tracks, outside test resources (which hold
 * throwaway keys on purpose), is free of PEM private key blocks, JWKs with a private member, and key
 * store files. Runs on the tracked files ({@code git ls-files}), so an ignored local {@code data/}
 * directory with generated keys does not count, but a key added to the index does. Outside a git
 * checkout the test is skipped, except under {@code CI=true}, where the checkout is a clone and a
 * missing git would hide a leak.
 */
class NoPrivateKeysTrackedTest {

    /** Assembled so that this file itself holds no such marker. */
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-{5}BEGIN ([A-Z0-9]+ )*" + "PRIVATE KEY-{5}");
    /** A JWK's private members: RSA and EC {@code d}, symmetric {@code k}; {@code "kty"} marks a JWK. */
    private static final Set<String> JWK_PRIVATE_MEMBERS = Set.of("d", "k", "p", "q");
    private static final Pattern JWK_TYPE_TEXT = Pattern.compile("\\\\?\"kty\\\\?\"\\s*:");
    private static final Pattern JWK_PRIVATE_MEMBER_TEXT = Pattern.compile("\\\\?\"[dkpq]\\\\?\"\\s*:");
    private static final Set<String> KEY_STORE_EXTENSIONS = Set.of("p12", "pfx", "jks", "jceks", "keystore", "bks", "pk8", "key");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noTrackedFileOutsideTestResourcesHoldsPrivateKeyMaterial() throws Exception {
        Optional<Path> checkout = gitRoot(Path.of("").toAbsolutePath());
        if ("true".equals(System.getenv("CI"))) {
            assertThat(checkout).as("CI runs in a git clone; without git the check could not run").isPresent();
        }
        assumeThat(checkout).as("not a git checkout").isPresent();

        assertThat(privateKeyFiles(checkout.get())).as("tracked files with private key material").isEmpty();
    }

    @Test
    void aTrackedKeyOfAnyKindIsFound(@TempDir Path repository) throws Exception {
        git(repository, "init", "-q");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(1024);
        String pkcs8 = Base64.getMimeEncoder().encodeToString(keys.generateKeyPair().getPrivate().getEncoded());
        write(repository.resolve("data/keys/pem.key.txt"), "-----BEGIN " + "PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n");
        // JWKs are built from maps, so that this source file holds none.
        String rsaJwk = jwk("kty", "RSA", "n", "AQAB", "e", "AQAB", "d", "c2VjcmV0");
        write(repository.resolve("command-side/data/keys/jwt-signing-key.json"), rsaJwk);
        String ecJwk = jwk("kty", "EC", "crv", "P-256", "x", "a", "y", "b", "d", "c");
        write(repository.resolve("ops/secrets/keys.json"), "{\"keys\":[" + ecJwk + "]}");
        write(repository.resolve("src/main/java/Keys.java"), "String jwk = " + JSON.writeValueAsString(rsaJwk) + ";");
        Files.write(repository.resolve("server.p12"), new byte[] {0x30, (byte) 0x82, 0x01});
        write(repository.resolve("public.json"), jwk("kty", "RSA", "n", "AQAB", "e", "AQAB"));
        write(repository.resolve("module/src/test/resources/throwaway.pem"), "-----BEGIN " + "EC PRIVATE KEY-----\nAAAA\n");
        write(repository.resolve("notes.md"), "keys are in the PRIVATE KEY file");
        git(repository, "add", "-f", ".");

        assertThat(privateKeyFiles(repository)).containsExactlyInAnyOrder("data/keys/pem.key.txt",
                "command-side/data/keys/jwt-signing-key.json", "ops/secrets/keys.json", "server.p12", "src/main/java/Keys.java");
    }

    static List<String> privateKeyFiles(Path root) throws Exception {
        List<String> found = new ArrayList<>();
        for (String file : git(root, "ls-files", "-z").split("\0")) {
            if (file.isEmpty() || file.contains("src/test/resources/")) {
                continue;
            }
            Path path = root.resolve(file);
            if (Files.isRegularFile(path) && holdsPrivateKey(file, Files.readAllBytes(path))) {
                found.add(file);
            }
        }
        return found;
    }

    private static boolean holdsPrivateKey(String name, byte[] content) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (KEY_STORE_EXTENSIONS.contains(extension)) {
            return true;
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        return PEM_PRIVATE_KEY.matcher(text).find() || (JWK_TYPE_TEXT.matcher(text).find() && holdsPrivateJwk(content));
    }

    private static boolean holdsPrivateJwk(byte[] content) {
        try {
            return privateJwk(JSON.readTree(content));
        } catch (IOException notJson) {
            // A JWK inside other text (a Java string, YAML): a private member anywhere counts.
            return JWK_PRIVATE_MEMBER_TEXT.matcher(new String(content, StandardCharsets.ISO_8859_1)).find();
        }
    }

    private static boolean privateJwk(JsonNode node) {
        if (node.isObject() && node.has("kty") && JWK_PRIVATE_MEMBERS.stream().anyMatch(node::has)) {
            return true;
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            if (privateJwk(children.next())) {
                return true;
            }
        }
        return false;
    }

    private static String jwk(String... members) throws Exception {
        java.util.Map<String, String> jwk = new java.util.LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            jwk.put(members[i], members[i + 1]);
        }
        return JSON.writeValueAsString(jwk);
    }

    private static Optional<Path> gitRoot(Path directory) {
        try {
            return Optional.of(Path.of(git(directory, "rev-parse", "--show-toplevel").strip()));
        } catch (Exception notACheckout) {
            return Optional.empty();
        }
    }

    private static String git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = git.getInputStream().readAllBytes();
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed in " + directory);
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
