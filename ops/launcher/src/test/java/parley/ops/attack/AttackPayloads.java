package parley.ops.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The OWASP-derived hostile inputs kept under {@code src/test/resources/attack}. */
final class AttackPayloads {

    private AttackPayloads() {
    }

    static List<String> sqlInjection() {
        return read("sql-injection.txt");
    }

    static List<String> crossSiteScripting() {
        return read("xss.txt");
    }

    static List<String> all() {
        return java.util.stream.Stream.concat(sqlInjection().stream(), crossSiteScripting().stream()).toList();
    }

    private static List<String> read(String name) {
        try (InputStream in = AttackPayloads.class.getResourceAsStream("/attack/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
