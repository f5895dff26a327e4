package parley.analyst.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.analyst.AnalystStore;
import parley.analyst.AnalystStore.Run;
import parley.analyst.bench.SyntheticEventStore.Summary;

/**
 * {@code sql} over a real event store: the answer equals what was stored, whether the log is exported
 * on the fly or read from an earlier export in any format; results print as an aligned table or are
 * written whole; bad arguments are usage errors and a bad query a one-line failure.
 */
class SqlCommandTest {

    private static final String PER_TYPE = "SELECT type, count(*) AS events FROM events GROUP BY type ORDER BY type";

    private static AnalystStore store;
    private static Summary summary;

    @TempDir
    Path dir;

    @BeforeAll
    static void fill() throws Exception {
        store = AnalystStore.withEvents("analyst_sql", 2_000);
        summary = store.summary();
    }

    @Test
    void countsPerTypeAreWhatWasStoredPrintedAsAnAlignedTable() {
        Run run = store.run("sql", PER_TYPE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("type +\\| events");
        assertThat(lines.get(1)).matches("-+-\\+--+");
        assertThat(lines).contains(String.format("GroupMessageSent    | %6d", summary.groupMessages()),
                String.format("PrivateMessageSent  | %6d", summary.privateMessages()),
                String.format("ReceiptAdvanced     | %6d", summary.receipts()));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("(8 rows)");
        assertThat(run.err()).as("the export's progress and summary go to standard error").contains("export parquet:");
    }

    @Test
    void anEarlierExportInAnyFormatGivesTheSameAnswer() throws Exception {
        String expected = store.run("sql", PER_TYPE).out();
        for (String format : List.of("parquet", "csv", "jsonl")) {
            Path export = dir.resolve("events." + format);
            assertThat(store.run("export", "--format", format, "--out", export.toString()).exitCode()).isZero();
            Path query = dir.resolve("q.sql");
            Files.writeString(query, "-- events per type\n" + PER_TYPE + ";\n");

            Run run = AnalystStore.runAnalyst("sql", "--input", export.toString(), "--file", query.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as(format).isEqualTo(expected);
        }
    }

    @Test
    void resultsAreWrittenWholeToCsvOrParquet() throws Exception {
        Path export = dir.resolve("events.parquet");
        assertThat(store.run("export", "--format", "parquet", "--out", export.toString()).exitCode()).isZero();
        Path csv = dir.resolve("senders.csv");

        Run run = AnalystStore.runAnalyst("sql", "--input", export.toString(), "--out", csv.toString(),
                "SELECT actor, count(*) AS messages FROM events WHERE type LIKE '%MessageSent' GROUP BY actor ORDER BY messages DESC, actor -- busiest first");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("actor,messages");
        assertThat(lines.subList(1, lines.size()).stream().mapToLong(line -> Long.parseLong(line.split(",")[1])).sum())
                .isEqualTo(summary.groupMessages() + summary.privateMessages());

        Path parquet = dir.resolve("senders.parquet");
        assertThat(AnalystStore.runAnalyst("sql", "--input", parquet.toString().replace("senders", "events"), "--out", parquet.toString(),
                "SELECT actor, count(*) AS messages FROM events WHERE actor IS NOT NULL GROUP BY actor").exitCode()).isZero();
        Run back = AnalystStore.runAnalyst("sql", "--input", parquet.toString(), "SELECT count(*) AS n FROM events");
        assertThat(back.out().lines().toList().get(2).strip()).isEqualTo(String.valueOf(summary.users()));
    }

    @Test
    void longResultsAreCutAtMaxRowsAndCounted() throws Exception {
        Path export = dir.resolve("events.parquet");
        assertThat(store.run("export", "--format", "parquet", "--out", export.toString()).exitCode()).isZero();

        Run run = AnalystStore.runAnalyst("sql", "--input", export.toString(), "--max-rows", "5", "SELECT position FROM events");

        assertThat(run.out().lines().toList()).hasSize(2 + 5 + 1).last().asString()
                .isEqualTo("(" + summary.events() + " rows, the first 5 shown; --max-rows shows more, --out writes them all)");
    }

    @Test
    void badArgumentsAreUsageErrorsAndABadQueryAOneLineFailure() throws Exception {
        Path export = dir.resolve("events.parquet");
        assertThat(store.run("export", "--format", "parquet", "--out", export.toString()).exitCode()).isZero();
        List<List<String>> bad = List.of(
                List.of("sql"),
                List.of("sql", "SELECT 1", "--file", dir.resolve("q.sql").toString()),
                List.of("sql", "--file", dir.resolve("missing.sql").toString()),
                List.of("sql", "--input", dir.resolve("missing.parquet").toString(), "SELECT 1"),
                List.of("sql", "--input", export.toString(), "--types", "GroupCreated", "SELECT 1"),
                List.of("sql", "--input", export.toString(), "--out", dir.resolve("x.xlsx").toString(), "SELECT 1"),
                List.of("sql", "--input", export.toString(), "  ;  "));
        for (List<String> args : bad) {
            Run run = AnalystStore.runAnalyst(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + " -> " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        }

        Run typo = AnalystStore.runAnalyst("sql", "--input", export.toString(), "SELECT nope FROM events");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).as("DuckDB's own message, which points at the mistake").startsWith("sql failed: ")
                .contains("Referenced column \"nope\" not found", "LINE 1: SELECT nope FROM events");
        assertThat(dir.toFile().list()).containsExactly("events.parquet");
    }
}
