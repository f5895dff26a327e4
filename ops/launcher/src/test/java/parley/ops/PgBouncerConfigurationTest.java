package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production PgBouncer configuration and the one the tests run agree on what correctness depends on. */
class PgBouncerConfigurationTest {

    @Test
    void productionAndTestPgBouncerPoolTransactionsAndAcceptTheDriversStartupParameter() throws IOException {
        Map<String, String> production = settings(Files.readString(Path.of("../pgbouncer/pgbouncer.ini")));
        Map<String, String> tested;
        try (InputStream in = getClass().getResourceAsStream("/parley/local/pgbouncer.ini")) {
            tested = settings(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (Map<String, String> config : List.of(production, tested)) {
            assertThat(config).containsEntry("pool_mode", "transaction")
                    .containsEntry("ignore_startup_parameters", "extra_float_digits");
        }
        assertThat(production.get("auth_type")).as("no trust outside tests").isEqualTo("scram-sha-256");
    }

    private static Map<String, String> settings(String ini) {
        Map<String, String> settings = new HashMap<>();
        for (String line : ini.split("\n")) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (!trimmed.startsWith(";") && equals > 0) {
                settings.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
            }
        }
        return settings;
    }
}
