package parley.analyst.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** One JSON object per line with Jackson's streaming generator; a null column is left out of its line. */
final class JsonlRowWriter implements RowWriter {

    private final JsonGenerator json;

    JsonlRowWriter(Path file) throws IOException {
        json = new JsonFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), JsonEncoding.UTF8);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(ExportRow row) throws IOException {
        json.writeStartObject();
        for (Column column : Column.all()) {
            Object value = column.value(row);
            if (value == null) {
                continue;
            }
            json.writeFieldName(column.label());
            switch (column.kind()) {
                case LONG -> json.writeNumber((Long) value);
                case INT -> json.writeNumber((Integer) value);
                case TIME -> json.writeString(((Instant) value).toString());
                case TEXT -> json.writeString((String) value);
            }
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeRaw('\n');
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
