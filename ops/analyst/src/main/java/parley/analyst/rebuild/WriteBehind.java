package parley.analyst.rebuild;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Batches the replay's writes without a second copy of the projection logic: a connection whose
 * {@code executeUpdate} of a <em>commutative</em> projection statement is deferred instead of a round
 * trip per row.
 *
 * <p>Only statements that commute with each other are deferred: inserts that do nothing on
 * conflict and upserts or updates that only move values up ({@code GREATEST}/{@code LEAST}), none
 * of whose results the projections read. Any other statement (membership changes, edits,
 * redactions, devices, a group's creation, every query) first flushes everything deferred, in order
 * of first appearance, and then runs as it would. So every statement that depends on an earlier
 * write sees it, and the deferred ones, applied in a different order, leave the same rows. A commit
 * flushes first; a rollback drops what was deferred.
 *
 * <p>With {@code coalescing} (the rebuild's main replay), a flush also sends far fewer rows: the
 * monotone statements of one row key (a chat's last seq, a member's watermarks) are merged into
 * one ({@link Coalescing}), and {@code INSERT … VALUES} statements go as multi-row statements of up to
 * {@value #MAX_ROWS} rows. Without it (verify's second replay) every statement is one entry of a
 * pipelined JDBC batch, so the second replay checks the first through a different path.
 */
final class WriteBehind implements InvocationHandler {

    /** The statements of the projection classes that commute (matched on their SQL text). */
    private static final List<Pattern> COMMUTATIVE = List.of(
            Pattern.compile("^\\s*INSERT INTO messages .*ON CONFLICT DO NOTHING\\s*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO users .*ON CONFLICT \\(user_id\\) DO NOTHING\\s*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO private_chats .*GREATEST.*LEAST.*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO (private|group)_chat_status .*GREATEST.*$", Pattern.DOTALL),
            Pattern.compile("^\\s*UPDATE group_chats SET last_seq = GREATEST.*$", Pattern.DOTALL));
    private static final int MAX_DEFERRED = 10_000;
    /** Rows per multi-row statement at most (a power of two: a batch is cut into power-of-two statements). */
    static final int MAX_ROWS = 128;

    private final Connection connection;
    private final boolean coalescing;
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private int deferred;

    private final Connection proxy;

    WriteBehind(Connection connection, boolean coalescing) {
        this.connection = connection;
        this.coalescing = coalescing;
        this.proxy = (Connection) Proxy.newProxyInstance(WriteBehind.class.getClassLoader(), new Class<?>[] {Connection.class},
                this);
    }

    /** The batching connection to hand to the projections. */
    Connection connection() {
        return proxy;
    }

    static boolean commutative(String sql) {
        return COMMUTATIVE.stream().anyMatch(pattern -> pattern.matcher(sql).matches());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement" -> {
                if (args.length == 1 && commutative((String) args[0])) {
                    return deferring((String) args[0]);
                }
                flush();
            }
            case "commit", "createStatement", "prepareCall", "setAutoCommit" -> flush();
            case "rollback" -> discard();
            case "close" -> {
                discard();
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                statements.clear();
            }
            default -> {
            }
        }
        return call(connection, method, args);
    }

    /** Sends every deferred row, each kind of statement in order of its first appearance. */
    void flush() throws SQLException {
        for (Batch batch : batches.values()) {
            batch.send();
        }
        batches.clear();
        deferred = 0;
    }

    private void discard() {
        batches.clear();
        deferred = 0;
    }

    /** One parameter's setter call, as the projection made it: {@code method(index, args...)}. */
    record Parameter(Method method, Object[] args) {

        Object value() {
            return args[1];
        }

        void applyTo(PreparedStatement statement, int index) throws Throwable {
            Object[] shifted = args.clone();
            shifted[0] = index;
            call(statement, method, shifted);
        }
    }

    /** A statement that records its parameters and, on {@code executeUpdate}, defers them. */
    private PreparedStatement deferring(String sql) {
        Map<Integer, Parameter> parameters = new HashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, new Parameter(method, args));
                return null;
            }
            switch (name) {
                case "executeUpdate" -> {
                    if (args != null && args.length > 0) {
                        throw new UnsupportedOperationException("executeUpdate(String) on a prepared statement");
                    }
                    Parameter[] row = new Parameter[parameters.size()];
                    for (Map.Entry<Integer, Parameter> parameter : parameters.entrySet()) {
                        row[parameter.getKey() - 1] = parameter.getValue();
                    }
                    parameters.clear();
                    defer(sql, row);
                    return 1; // the projections do not read the count of these statements
                }
                case "clearParameters" -> {
                    parameters.clear();
                    return null;
                }
                case "close", "setQueryTimeout", "setFetchSize", "setMaxRows", "setEscapeProcessing", "clearWarnings" -> {
                    return null;
                }
                case "getWarnings" -> {
                    return null;
                }
                case "isClosed" -> {
                    return false;
                }
                case "getParameterMetaData", "getConnection", "unwrap", "isWrapperFor" -> {
                    return call(statement(sql), method, args);
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "deferred: " + sql;
                }
                default -> throw new UnsupportedOperationException(name + " on a deferred projection statement");
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(WriteBehind.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private void defer(String sql, Parameter[] row) throws SQLException {
        Batch batch = batches.computeIfAbsent(sql, text -> new Batch(text, coalescing ? Coalescing.of(text) : Coalescing.NONE,
                coalescing ? MultiRow.of(text) : null));
        if (!batch.add(row)) {
            // A row the merge cannot judge (a missing or incomparable value): everything before it, then it, at once.
            flush();
            Batch single = new Batch(sql, Coalescing.NONE, null);
            single.add(row);
            single.send();
            return;
        }
        if (++deferred >= MAX_DEFERRED) {
            flush();
        }
    }

    /** The deferred rows of one statement. */
    private final class Batch {

        private final String sql;
        private final Coalescing coalescing;
        private final MultiRow multiRow;
        private final Map<Object, List<Parameter[]>> byKey = new LinkedHashMap<>();
        private final List<Parameter[]> rows = new ArrayList<>();

        Batch(String sql, Coalescing coalescing, MultiRow multiRow) {
            this.sql = sql;
            this.coalescing = coalescing;
            this.multiRow = multiRow;
        }

        /** False if the row cannot be merged (the caller runs it alone). */
        boolean add(Parameter[] row) {
            if (coalescing == Coalescing.NONE) {
                rows.add(row);
                return true;
            }
            if (!coalescing.accepts(row, null)) {
                return false;
            }
            List<Parameter[]> kept = byKey.computeIfAbsent(coalescing.key(row), key -> new ArrayList<>(1));
            if (!coalescing.accepts(row, kept)) {
                return false;
            }
            coalescing.add(kept, row);
            return true;
        }

        void send() throws SQLException {
            List<Parameter[]> all = rows;
            if (!byKey.isEmpty()) {
                all = new ArrayList<>();
                for (List<Parameter[]> kept : byKey.values()) {
                    all.addAll(kept);
                }
            }
            try {
                if (multiRow == null) {
                    PreparedStatement statement = statement(sql);
                    for (Parameter[] row : all) {
                        set(statement, row, 0);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    return;
                }
                int from = 0;
                List<PreparedStatement> used = new ArrayList<>();
                for (int size = MAX_ROWS; size >= 1; size /= 2) {
                    if (all.size() - from < size) {
                        continue;
                    }
                    PreparedStatement statement = statement(multiRow.sql(size));
                    while (all.size() - from >= size) {
                        for (int i = 0; i < size; i++) {
                            set(statement, all.get(from + i), i * multiRow.parameters());
                        }
                        statement.addBatch();
                        from += size;
                    }
                    used.add(statement);
                }
                for (PreparedStatement statement : used) {
                    statement.executeBatch();
                }
            } catch (SQLException e) {
                throw e;
            } catch (Throwable e) {
                throw new SQLException("deferred statement failed: " + sql, e);
            }
        }

        private void set(PreparedStatement statement, Parameter[] row, int offset) throws Throwable {
            for (int i = 0; i < row.length; i++) {
                row[i].applyTo(statement, offset + i + 1);
            }
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
