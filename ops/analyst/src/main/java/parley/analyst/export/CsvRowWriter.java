package parley.analyst.export;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** RFC 4180 CSV with a header line through Jackson's streaming CSV generator; a null column is an empty field. */
final class CsvRowWriter implements RowWriter {

    private final CsvGenerator csv;

    CsvRowWriter(Path file) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (Column column : Column.all()) {
            schema.addColumn(column.label(), switch (column.kind()) {
                case LONG, INT -> CsvSchema.ColumnType.NUMBER;
                case TEXT, TIME -> CsvSchema.ColumnType.STRING;
            });
        }
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        csv = new CsvMapper().getFactory().createGenerator(writer);
        csv.setSchema(schema.build());
    }

    @Override
    public void write(ExportRow row) throws IOException {
        csv.writeStartArray();
        for (Column column : Column.all()) {
            Object value = column.value(row);
            if (value == null) {
                // An empty unquoted field is CSV's null (DuckDB, PostgreSQL's COPY, pandas); Jackson drops writeNull() in arrays.
                csv.writeRawValue("");
                continue;
            }
            switch (column.kind()) {
                case LONG -> csv.writeNumber((Long) value);
                case INT -> csv.writeNumber((Integer) value);
                case TIME -> csv.writeString(((Instant) value).toString());
                case TEXT -> csv.writeString((String) value);
            }
        }
        csv.writeEndArray();
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
