package parley.analyst.export;

import java.util.function.Function;

/**
 * The export's columns in order, with their type: the one list every format writes (JSONL keys,
 * the CSV header, the Parquet schema), so the three formats cannot drift apart.
 */
public enum Column {
    POSITION(Kind.LONG, ExportRow::position),
    EVENT_ID(Kind.TEXT, ExportRow::eventId),
    TIME(Kind.TIME, ExportRow::time),
    TYPE(Kind.TEXT, ExportRow::type),
    REVISION(Kind.TEXT, ExportRow::revision),
    AGGREGATE_TYPE(Kind.TEXT, ExportRow::aggregateType),
    AGGREGATE_ID(Kind.TEXT, ExportRow::aggregateId),
    AGGREGATE_SEQ(Kind.LONG, ExportRow::aggregateSeq),
    CHAT_ID(Kind.TEXT, ExportRow::chatId),
    CHAT_TYPE(Kind.TEXT, ExportRow::chatType),
    ACTOR(Kind.TEXT, ExportRow::actor),
    SUBJECT(Kind.TEXT, ExportRow::subject),
    PAYLOAD_SIZE(Kind.INT, ExportRow::payloadSize),
    SEQ(Kind.LONG, ExportRow::seq),
    MESSAGE_ID(Kind.TEXT, ExportRow::messageId),
    CLIENT_MESSAGE_ID(Kind.TEXT, ExportRow::clientMessageId),
    ROLE(Kind.TEXT, ExportRow::role),
    JOINED_AT_SEQ(Kind.LONG, ExportRow::joinedAtSeq),
    DELIVERED_UP_TO_SEQ(Kind.LONG, ExportRow::deliveredUpToSeq),
    READ_UP_TO_SEQ(Kind.LONG, ExportRow::readUpToSeq),
    DEVICE_ID(Kind.TEXT, ExportRow::deviceId),
    ENVELOPE_VERSION(Kind.INT, ExportRow::envelopeVersion),
    ENVELOPE_ALG(Kind.TEXT, ExportRow::envelopeAlg),
    ENVELOPE_SENDER_DEVICE(Kind.TEXT, ExportRow::envelopeSenderDevice),
    ENVELOPE_RECIPIENTS(Kind.INT, ExportRow::envelopeRecipients),
    ENVELOPE_SIZE(Kind.INT, ExportRow::envelopeSize),
    CORRELATION_ID(Kind.TEXT, ExportRow::correlationId),
    TRACE_ID(Kind.TEXT, ExportRow::traceId);

    /** How a column is typed: Parquet (DuckDB) types; JSONL numbers or strings; CSV text. */
    public enum Kind {
        LONG("BIGINT"), INT("INTEGER"), TEXT("VARCHAR"), TIME("TIMESTAMP");

        private final String duckDbType;

        Kind(String duckDbType) {
            this.duckDbType = duckDbType;
        }

        public String duckDbType() {
            return duckDbType;
        }
    }

    private static final Column[] ALL = values();

    private final Kind kind;
    private final Function<ExportRow, Object> value;
    private final String label;

    Column(Kind kind, Function<ExportRow, Object> value) {
        this.kind = kind;
        this.value = value;
        this.label = name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Column[] all() {
        return ALL;
    }

    /** The column's name in every format: snake_case, e.g. {@code aggregate_seq}. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public Object value(ExportRow row) {
        return value.apply(row);
    }
}
