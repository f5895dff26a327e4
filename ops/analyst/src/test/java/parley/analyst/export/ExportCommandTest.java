package parley.analyst.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.analyst.AnalystStore;
import parley.analyst.AnalystStore.Run;
import parley.analyst.bench.SyntheticEventStore.Summary;

/**
 * {@code export} against a real event store (PostgreSQL, the command side's own schema) holding
 * synthetic events stored as Axon stores them: every format holds every event once in position order
 * with the documented columns, the filters select what they say, bad arguments write nothing, and a
 * failure mid-way leaves no file.
 */
class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AnalystStore store;
    private static Summary summary;

    @TempDir
    Path dir;

    @BeforeAll
    static void fill() throws Exception {
        store = AnalystStore.withEvents("analyst_export", 3_000);
        summary = store.summary();
    }

    @Test
    void jsonlHoldsEveryEventOnceInPositionOrderWithItsFacts() throws Exception {
        Path out = dir.resolve("events.jsonl");
        Run run = store.run("export", "--format", "jsonl", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("standard output stays free for pipes").isEmpty();
        assertThat(run.err()).contains("export jsonl: " + String.format("%,d", summary.events()) + " events");
        List<JsonNode> rows = jsonLines(out);
        assertThat(rows).hasSize((int) summary.events());
        long previous = 0;
        Map<String, Integer> types = new HashMap<>();
        for (JsonNode row : rows) {
            assertThat(row.get("position").asLong()).isGreaterThan(previous);
            previous = row.get("position").asLong();
            types.merge(row.get("type").asText(), 1, Integer::sum);
            assertThat(row.get("payload_size").asInt()).isPositive();
            assertThat(row.has("correlation_id")).isTrue();
        }
        assertThat(types.get("GroupMessageSent")).isEqualTo((int) summary.groupMessages());
        assertThat(types.get("PrivateMessageSent")).isEqualTo((int) summary.privateMessages());
        assertThat(types.get("ReceiptAdvanced")).isEqualTo((int) summary.receipts());
        assertThat(types.get("GroupCreated")).isEqualTo(summary.groups());

        JsonNode message = rows.stream().filter(row -> row.get("type").asText().equals("GroupMessageSent")).findFirst().orElseThrow();
        assertThat(message.get("chat_id").asText()).isEqualTo(message.get("aggregate_id").asText());
        assertThat(message.get("chat_type").asText()).isEqualTo("GROUP");
        assertThat(message.get("actor").asText()).hasSize(36);
        assertThat(message.get("seq").asLong()).isPositive();
        assertThat(message.get("envelope_version").asInt()).isEqualTo(1);
        assertThat(message.get("envelope_recipients").asInt()).isEqualTo(7);
        assertThat(message.get("envelope_sender_device").asText()).isEqualTo("device-1");
        assertThat(message.get("time").asText()).endsWith("Z");
        assertThat(Files.readString(out)).as("no envelope body: ciphertext, keys and signatures stay in the store")
                .doesNotContain("ciphertext", "wrappedKey", "signature", "agreementKey", "Group 0", "User 0");

        JsonNode member = rows.stream().filter(row -> row.get("type").asText().equals("MemberAdded")
                && row.get("role").asText().equals("MEMBER")).findFirst().orElseThrow();
        assertThat(member.get("subject").asText()).isNotEqualTo(member.get("actor").asText()); // the creator adds the others
        JsonNode receipt = rows.stream().filter(row -> row.get("type").asText().equals("ReceiptAdvanced")).findFirst().orElseThrow();
        assertThat(receipt.get("aggregate_id").asText()).isEqualTo(receipt.get("chat_id").asText() + ":" + receipt.get("actor").asText());
        assertThat(receipt.get("read_up_to_seq").asLong()).isPositive();
    }

    @Test
    void csvAndParquetHoldTheSameRowsAsJsonl() throws Exception {
        Path jsonl = dir.resolve("e.jsonl");
        Path csv = dir.resolve("e.csv");
        Path parquet = dir.resolve("e.parquet");
        for (Path out : List.of(jsonl, csv, parquet)) {
            String format = out.getFileName().toString().substring(2);
            Run run = store.run("export", "--format", format, "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        List<String> csvLines = Files.readAllLines(csv);
        StringBuilder header = new StringBuilder();
        for (Column column : Column.all()) {
            header.append(header.isEmpty() ? "" : ",").append(column.label());
        }
        assertThat(csvLines.get(0)).isEqualTo(header.toString());
        assertThat(csvLines).hasSize((int) summary.events() + 1);

        String digest = "SELECT count(*), sum(position), count(DISTINCT type), sum(payload_size), count(chat_id), count(actor),"
                + " sum(seq), sum(envelope_recipients), max(time)::VARCHAR, min(time)::VARCHAR FROM ";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            List<String> digests = new ArrayList<>();
            digests.add(one(statement, digest + "read_parquet('" + parquet + "')"));
            digests.add(one(statement, digest + parley.analyst.sql.EventsViewAccess.source(csv, ExportFormat.CSV)));
            digests.add(one(statement, digest + parley.analyst.sql.EventsViewAccess.source(jsonl, ExportFormat.JSONL)));
            assertThat(digests).as("parquet, csv, jsonl").containsOnly(digests.get(0));
            assertThat(digests.get(0)).startsWith(summary.events() + "|");
            assertThat(digests.get(0)).endsWith("|" + summary.last().toString().replace('T', ' ').replace("Z", "")
                    + "|" + summary.first().toString().replace('T', ' ').replace("Z", ""));
            assertThat(one(statement, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE type = 'GroupMessageSent'"))
                    .isEqualTo(String.valueOf(summary.groupMessages()));
        }
    }

    @Test
    void filtersSelectByTypeChatPositionAndTime() throws Exception {
        Path out = dir.resolve("f.jsonl");
        assertThat(store.run("export", "--format", "JSONL", "--out", out.toString(), "--types", "GroupMessageSent,PrivateMessageSent")
                .exitCode()).isZero();
        assertThat(jsonLines(out)).hasSize((int) (summary.groupMessages() + summary.privateMessages()));

        String group = jsonLines(out).stream().filter(row -> row.get("chat_type").asText().equals("GROUP")).findFirst().orElseThrow()
                .get("chat_id").asText();
        assertThat(store.run("export", "--format", "jsonl", "--out", out.toString(), "--chat", group).exitCode()).isZero();
        List<JsonNode> chat = jsonLines(out);
        assertThat(chat).allSatisfy(row -> assertThat(row.get("chat_id").asText()).isEqualTo(group));
        assertThat(chat).extracting(row -> row.get("type").asText()).contains("GroupCreated", "MemberAdded", "GroupMessageSent", "ReceiptAdvanced");
        assertThat(chat.stream().filter(row -> row.get("type").asText().equals("GroupMessageSent")).count())
                .isEqualTo(countWhere("convert_from(payload, 'UTF8')::jsonb ->> 'groupId' = '" + group + "' AND payloadtype LIKE '%GroupMessageSent'"));

        assertThat(store.run("export", "--format", "jsonl", "--out", out.toString(), "--after-position", "100", "--until-position", "150")
                .exitCode()).isZero();
        assertThat(jsonLines(out)).extracting(row -> row.get("position").asLong())
                .allSatisfy(position -> assertThat(position).isBetween(101L, 150L)).hasSize((int) countWhere("globalindex BETWEEN 101 AND 150"));

        // one event a second from START: [START+10s, START+20s) is ten events
        assertThat(store.run("export", "--format", "jsonl", "--out", out.toString(), "--from", "2026-03-01T09:00:10Z", "--to", "2026-03-01T09:00:20")
                .exitCode()).isZero();
        assertThat(jsonLines(out)).extracting(row -> row.get("time").asText()).first().isEqualTo("2026-03-01T09:00:10Z");
        assertThat(jsonLines(out)).hasSize(10);
    }

    @Test
    void badArgumentsAreOneLineExitCodeTwoAndWriteNothing() {
        Path out = dir.resolve("never.jsonl");
        List<String[]> bad = List.of(
                new String[] {"--format", "xml", "--out", out.toString()},
                new String[] {"--format", "jsonl"},
                new String[] {"--format", "jsonl", "--out", out.toString(), "--types", "GroupMessageSnet"},
                new String[] {"--format", "jsonl", "--out", out.toString(), "--from", "yesterday"},
                new String[] {"--format", "jsonl", "--out", out.toString(), "--from", "2026-03-02", "--to", "2026-03-01"},
                new String[] {"--format", "jsonl", "--out", out.toString(), "--chat", "not-a-chat"},
                new String[] {"--format", "jsonl", "--out", out.toString(), "--after-position", "ten"},
                new String[] {"--format", "jsonl", "--out", dir.resolve("missing/dir/x.jsonl").toString()});
        for (String[] args : bad) {
            Run run = store.run("export", args);
            assertThat(run.exitCode()).as(String.join(" ", args) + " -> " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("export: ");
        }
        assertThat(run("GroupMessageSnet").err()).contains("unknown event type 'GroupMessageSnet'", "GroupMessageSent");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aFailureMidwayLeavesNoHalfFileAndKeepsTheLastGoodOne() throws Exception {
        Path out = dir.resolve("events.parquet");
        Files.writeString(out, "the previous export");
        AnalystStore broken = AnalystStore.withEvents("analyst_export_broken", 500);
        try (Connection connection = broken.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                        + " payloadrevision, payload) VALUES ('broken', 'x', 0, 'GroupChat', '2026-03-02T00:00:00Z',"
                        + " 'parley.api.group.GroupCreated', '1', convert_to('{not json', 'UTF8'))")) {
            insert.executeUpdate();
        }
        for (String format : List.of("parquet", "jsonl", "csv")) {
            Run run = broken.run("export", "--format", format, "--out", out.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("export failed: event at position");
            assertThat(Files.readString(out)).isEqualTo("the previous export");
            assertThat(dir.toFile().list()).as("no .part file, no DuckDB working directory").containsExactly("events.parquet");
        }
    }

    private Run run(String badType) {
        return store.run("export", "--format", "jsonl", "--out", dir.resolve("x.jsonl").toString(), "--types", badType);
    }

    private static long countWhere(String condition) throws Exception {
        try (Connection connection = store.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry WHERE " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String one(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                line.append(i == 1 ? "" : "|").append(rows.getString(i));
            }
            return line.toString();
        }
    }

    static List<JsonNode> jsonLines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
