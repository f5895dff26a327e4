package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import parley.client.ParleyClient;
import parley.client.http.ApiException;
import parley.command.testing.KafkaListeners;

/**
 * Acceptance 4 of issue 13: every {@code bash} block of docs/analysts.md's "export" and "sql" sections,
 * run verbatim with bash, in order, against what {@code ./parley up} starts (the same {@link Platform},
 * end-to-end encryption required) after some real traffic from SDK clients; each must succeed and
 * its answers must equal what was sent. The blocks run in a scratch directory whose {@code ./parley}
 * runs the analyst's main class on this test's class path with the script's 256 MiB heap (the real
 * script would first build its jar with Maven, in the middle of this build); the analyst finds the
 * platform's database exactly as it finds a running {@code ./parley up}, by its PostgreSQL port.
 * Then: no export format holds a word that was sent, nor an envelope's ciphertext.
 */
class AnalystDocsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final long BLOCK_TIMEOUT_MINUTES = 5;

    @TempDir
    static Path work;

    private static Platform platform;
    private static LauncherSettings settings;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> WORDS = new ArrayList<>();
    private static final List<ParleyClient> CLIENTS = new ArrayList<>();
    private static String alice;
    private static String bob;
    private static String carol;
    private static String group;

    @BeforeAll
    static void platformWithTraffic() throws Exception {
        settings = new LauncherSettings(work.resolve("data"), freePort(), freePort(), freePort(), freePort(), false, false, false);
        platform = Platform.start(settings);
        KafkaListeners.awaitAssignment(platform.context().getBean(KafkaListenerEndpointRegistry.class));
        String baseUrl = "http://127.0.0.1:" + settings.httpPort();
        alice = ParleyClient.builder(baseUrl).register("alice-" + RUN, PASSWORD, "Alice");
        bob = ParleyClient.builder(baseUrl).register("bob-" + RUN, PASSWORD, "Bob");
        carol = ParleyClient.builder(baseUrl).register("carol-" + RUN, PASSWORD, "Carol");
        ParleyClient aliceLaptop = connect(baseUrl, "alice", "laptop");
        ParleyClient bobPhone = connect(baseUrl, "bob", "phone");
        ParleyClient carolPhone = connect(baseUrl, "carol", "phone");
        for (ParleyClient viewer : CLIENTS) {
            for (String user : List.of(alice, bob, carol)) {
                waiting().until(() -> viewer.api().get("/api/users/" + user + "/devices").get("devices").size() == 1);
            }
        }
        // 3 private messages (alice 2, bob 1), 6 group messages (alice 3, bob 2, carol 1); carol removed and added back
        aliceLaptop.sendPrivate(bob, say("Meet at the"));
        bobPhone.sendPrivate(alice, say("Which"));
        aliceLaptop.sendPrivate(bob, say("The one by the"));
        group = aliceLaptop.createGroup("Analysts " + RUN, List.of(bob, carol));
        for (ParleyClient member : List.of(bobPhone, carolPhone)) {
            waiting().ignoreExceptions().until(() -> member.api().get("/api/groups/" + group) != null);
        }
        aliceLaptop.sendGroup(group, say("Bring a"));
        bobPhone.sendGroup(group, say("And a"));
        carolPhone.sendGroup(group, say("I have a"));
        aliceLaptop.sendGroup(group, say("Nobody needs a"));
        var last = bobPhone.sendGroup(group, say("Fine, no"));
        aliceLaptop.sendGroup(group, say("See you at the"));
        bobPhone.markRead(group, last.seq());
        aliceLaptop.removeMember(group, carol);
        aliceLaptop.addMember(group, carol);
        await().atMost(Waits.ASYNC).until(() -> count("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%MemberAdded'") == 4);
    }

    @AfterAll
    static void stop() {
        CLIENTS.forEach(ParleyClient::close);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theExportAndSqlExamplesRunAsWrittenAndAnswerWhatWasSent() throws Exception {
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        installParleyScript(scratch);
        List<String> blocks = bashBlocks(Files.readString(repositoryRoot().resolve("docs/analysts.md")), "## export", "## sql");
        assertThat(blocks).as("docs/analysts.md's export and sql sections have bash examples").hasSizeGreaterThanOrEqualTo(4);
        List<Run> runs = new ArrayList<>();
        for (String block : blocks) {
            Run run = bash(scratch, block);
            assertThat(run.exitCode()).as("%s%n-- stdout:%n%s-- stderr:%n%s", block, run.out(), run.err()).isZero();
            runs.add(run);
        }
        long total = count("SELECT count(*) FROM domainevententry");

        // export: every event, the messages, today's events (fewer only if the test ran across midnight UTC)
        assertThat(lines(scratch.resolve("messages.jsonl"))).hasSize(9);
        assertThat(lines(scratch.resolve("today.csv")).size() - 1).isBetween(1, (int) total);
        assertThat(runs.get(0).err()).contains("export parquet: " + total + " events", "export jsonl: 9 events");

        List<Map<String, String>> perType = tables(runs.get(1).out()).get(0);
        assertThat(value(perType, "type", "GroupMessageSent", "events")).isEqualTo("6");
        assertThat(value(perType, "type", "PrivateMessageSent", "events")).isEqualTo("3");
        assertThat(value(perType, "type", "MemberRemoved", "events")).isEqualTo("1");
        assertThat(sum(perType, "events")).isEqualTo(total);

        List<List<Map<String, String>>> asked = tables(runs.get(2).out());
        assertThat(asked).as("per type per day, per hour per group, senders").hasSize(3);
        assertThat(sum(asked.get(0), "events")).isEqualTo(total);
        assertThat(asked.get(1)).allSatisfy(row -> assertThat(row.get("group_id")).isEqualTo(group));
        assertThat(sum(asked.get(1), "messages")).isEqualTo(6);
        assertThat(asked.get(2)).extracting(row -> row.get("sender") + "=" + row.get("messages"))
                .containsExactly(alice + "=5", bob + "=3", carol + "=1");

        List<List<Map<String, String>>> churn = tables(runs.get(3).out());
        assertThat(churn).hasSize(1);
        assertThat(churn.get(0)).extracting(row -> row.get("group_id") + " " + row.get("joined") + " " + row.get("left_group")
                + " " + row.get("removed")).containsExactly(group + " 4 0 1");
        assertThat(lines(scratch.resolve("churn.csv"))).containsExactly("group_id,joined,left_group,removed", group + ",4,0,1");
    }

    @Test
    void noExportFormatHoldsAWordSentNorAnEnvelope() throws Exception {
        Path scratch = Files.createDirectories(work.resolve("plaintext"));
        installParleyScript(scratch);
        Run run = bash(scratch, """
                ./parley analyst export --format jsonl --out all.jsonl
                ./parley analyst export --format csv --out all.csv
                ./parley analyst export --format parquet --out all.parquet
                ./parley analyst sql --input all.parquet --out parquet-as.csv "SELECT * FROM events"
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> ciphertexts = new ArrayList<>();
        try (Connection connection = store(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT convert_from(payload, 'UTF8')::jsonb -> 'envelope' ->> 'ciphertext'"
                     + " FROM domainevententry WHERE payloadtype LIKE '%MessageSent'")) {
            while (rows.next()) {
                ciphertexts.add(rows.getString(1));
            }
        }
        assertThat(ciphertexts).as("control: the store holds the 9 envelopes").hasSize(9).doesNotContainNull();

        for (String file : List.of("all.jsonl", "all.csv", "parquet-as.csv")) {
            String export = Files.readString(scratch.resolve(file));
            assertThat(export).as("control: %s has the messages, by their shape", file)
                    .contains("GroupMessageSent", "PrivateMessageSent", "X25519-HKDF-SHA256-A256GCM-Ed25519", group);
            for (String word : WORDS) {
                assertThat(export).as("%s in %s", word, file).doesNotContain(word);
            }
            for (String ciphertext : ciphertexts) {
                assertThat(export).as("an envelope's ciphertext in %s", file).doesNotContain(ciphertext);
            }
            assertThat(export).as("no group name in %s", file).doesNotContain("Analysts " + RUN);
        }
    }

    private static String say(String text) {
        String word = "quokka" + WORDS.size() + RUN;
        WORDS.add(word);
        return text + " " + word;
    }

    private static ParleyClient connect(String baseUrl, String name, String device) {
        ParleyClient client = ParleyClient.builder(baseUrl).keyDirectory(work.resolve("keys")).deviceId(device)
                .connect(name + "-" + RUN, PASSWORD);
        CLIENTS.add(client);
        return client;
    }

    private static org.awaitility.core.ConditionFactory waiting() {
        return await().atMost(Waits.ASYNC).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(ApiException.class);
    }

    private static Connection store() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres", "postgres", "");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = store(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@code ./parley} for the blocks: the analyst's main class on this JVM's class path, with the script's heap. */
    private static void installParleyScript(Path directory) throws IOException {
        Path script = directory.resolve("parley");
        Files.writeString(script, """
                #!/usr/bin/env bash
                set -euo pipefail
                [ "${1:-}" = analyst ] || { echo "this test's ./parley only runs 'analyst'" >&2; exit 64; }
                shift
                exec "%s" -Xmx256m -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -cp "%s" parley.analyst.ParleyAnalyst "$@"
                """.formatted(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The {@code ```bash} blocks of the named {@code ## } sections, in document order. */
    static List<String> bashBlocks(String markdown, String... headings) {
        List<String> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        boolean inSection = false;
        StringBuilder block = null;
        for (String line : lines) {
            if (block != null) {
                if (line.startsWith("```")) {
                    blocks.add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("## ")) {
                inSection = List.of(headings).contains(line.strip());
            } else if (inSection && line.strip().equals("```bash")) {
                block = new StringBuilder();
            }
        }
        return blocks;
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code script} with {@code bash -e -o pipefail} in {@code directory}; nothing of the test's own environment points the analyst at a database. */
    private static Run bash(Path directory, String script) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                .directory(directory.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_DATASOURCE") || name.startsWith("PARLEY_"));
        builder.environment().put("PARLEY_POSTGRES_PORT", String.valueOf(settings.postgresPort()));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        if (!process.waitFor(BLOCK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the block did not finish in " + BLOCK_TIMEOUT_MINUTES + " minutes:%n%s", script);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The aligned tables {@code sql} printed, each as rows of column to value. */
    static List<List<Map<String, String>>> tables(String output) {
        List<List<Map<String, String>>> tables = new ArrayList<>();
        List<String> lines = output.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i + 1).matches("-+(-\\+-+)*")) {
                continue;
            }
            String[] header = cells(lines.get(i));
            List<Map<String, String>> rows = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).matches("\\(\\d+ rows?.*\\)"); j++) {
                String[] cells = cells(lines.get(j));
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                rows.add(row);
            }
            assertThat(lines.get(j)).isEqualTo("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
            tables.add(rows);
            i = j;
        }
        return tables;
    }

    private static String[] cells(String line) {
        String[] cells = line.split(" \\| ", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static String value(List<Map<String, String>> rows, String keyColumn, String key, String column) {
        return rows.stream().filter(row -> key.equals(row.get(keyColumn))).findFirst().orElseThrow(() -> new AssertionError(key + " in " + rows))
                .get(column);
    }

    private static long sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToLong(row -> Long.parseLong(row.get(column))).sum();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("parley")) && Files.isDirectory(dir.resolve("docs"))) {
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
