package parley.bench.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyConfigTest {

    @TempDir
    Path dir;

    @Test
    void checksReadinessRoutesToBlueAndKeepsGreenOutUntilTheSwitch() {
        String config = new HaproxyConfig(8081, URI.create("http://127.0.0.1:9001"), dir.resolve("admin.sock")).render();

        assertThat(config).contains("bind 127.0.0.1:8081", "option httpchk GET /actuator/health/readiness",
                "http-check expect status 200", "server blue 127.0.0.1:9001 check\n",
                "server green " + HaproxyConfig.GREEN_PLACEHOLDER + " check disabled", "timeout tunnel",
                "stats socket " + dir.resolve("admin.sock") + " mode 600 level admin");
    }

    @Test
    void refusesANodeThatIsNotPlainHttpWithAPort() {
        assertThatThrownBy(() -> new HaproxyConfig(8081, URI.create("https://127.0.0.1:9001"), dir.resolve("s")).render())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HaproxyConfig(8081, URI.create("http://127.0.0.1"), dir.resolve("s")).render())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Debian's haproxy accepts the configuration as written (the harness runs it; CI machines have it installed). */
    @Test
    void haproxyAcceptsIt() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Haproxy.BINARY), "haproxy is not installed");
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, new HaproxyConfig(8081, URI.create("http://127.0.0.1:9001"), dir.resolve("admin.sock")).render());

        Process check = new ProcessBuilder(Haproxy.BINARY.toString(), "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());

        assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }
}
