package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import parley.command.testing.KafkaListeners;

/**
 * A newcomer's first message: the README's "Try it" commands, run verbatim with bash from the repository root
 * against what {@code ./parley up} starts (the same {@link Platform}, default settings, end-to-end encryption
 * required), on free ports and in a fresh data directory. The commands reach it through {@code PARLEY_URL}, which
 * the CLI reads as its default URL, and keep their device keys in a temporary {@code PARLEY_KEYS}.
 */
class ReadmeTryItTest {

    /** The README marks the block this test runs with an HTML comment naming this test, right above the fence. */
    static final String MARKER = "<!-- ReadmeTryItTest";
    private static final long COMMANDS_TIMEOUT_MINUTES = 5; // if the CLI jar is stale, ./parley cli builds it first

    @Test
    void bobReadsAlicesFirstMessageDecryptedExactlyAsTheReadmeSays(@TempDir Path work) throws Exception {
        Path repository = repositoryRoot();
        String commands = tryItCommands(Files.readString(repository.resolve("README.md")));
        LauncherSettings settings = new LauncherSettings(work.resolve("data"), freePort(), freePort(), freePort(), freePort(),
                false, false, false);

        try (Platform platform = Platform.start(settings)) {
            // What "Parley is up" promises a newcomer: the projections are consuming before the first command.
            KafkaListeners.awaitAssignment(platform.context().getBean(KafkaListenerEndpointRegistry.class));

            Run run = bash(repository, commands, Map.of(
                    "PARLEY_URL", "http://127.0.0.1:" + settings.httpPort(),
                    "PARLEY_KEYS", work.resolve("keys").toString()), work.resolve("output.txt"));

            assertThat(run.exitCode()).as("the README's commands exit cleanly; their output:%n%s", run.output()).isZero();
            assertThat(run.output().lines()).as("Bob's read shows Alice's message, decrypted on his device")
                    .contains("[1] Alice: hi");
        }
    }

    @Test
    void theTryItSectionStartsThePlatformAndPointsToTheWebClient() throws IOException {
        String section = tryItSection(Files.readString(repositoryRoot().resolve("README.md")));

        assertThat(section).contains("./parley up", "http://localhost:8080/");
    }

    /** The code block right under {@link #MARKER} in the "Try it" section. */
    static String tryItCommands(String readme) {
        List<String> lines = tryItSection(readme).lines().toList();
        int marker = indexOf(lines, 0, line -> line.startsWith(MARKER));
        if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).startsWith("```")) {
            fail("README.md's \"Try it\" has no code block marked with " + MARKER + " ... --> right above its fence");
        }
        int end = indexOf(lines, marker + 2, line -> line.startsWith("```"));
        assertThat(end).as("the marked block's closing fence").isPositive();
        return String.join("\n", lines.subList(marker + 2, end)) + "\n";
    }

    private static String tryItSection(String readme) {
        int start = readme.indexOf("\n## Try it\n");
        assertThat(start).as("README.md has a \"## Try it\" section").isNotNegative();
        int next = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, next < 0 ? readme.length() : next);
    }

    private static int indexOf(List<String> lines, int from, java.util.function.Predicate<String> matches) {
        for (int i = from; i < lines.size(); i++) {
            if (matches.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    record Run(int exitCode, String output) {
    }

    /** Runs {@code script} with {@code bash -e} in {@code directory}; the JDK running this test is first on the PATH. */
    private static Run bash(Path directory, String script, Map<String, String> environment, Path output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("PARLEY_PASSWORD"); // the README must set what it needs
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        if (!process.waitFor(COMMANDS_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the README's commands did not finish in " + COMMANDS_TIMEOUT_MINUTES + " minutes; output so far:%n%s",
                    Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("parley")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
