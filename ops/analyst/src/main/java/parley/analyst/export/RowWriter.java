package parley.analyst.export;

/** Writes export rows to one file of a format, streaming: it holds no more than a buffer's worth of rows. */
interface RowWriter extends AutoCloseable {

    void write(ExportRow row) throws Exception;

    /** Completes the file after the last row (a Parquet file is written here); the writer is closed next. */
    void finish() throws Exception;
}
