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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Batches the replay's writes without a second copy of the projection logic: a connection whose
 * {@code executeUpdate} of a <em>commutative</em> projection statement is added to a JDBC batch of
 * its SQL (one pipelined round trip per statement kind and flush) instead of a round trip per row.
 *
 * <p>Only statements that commute with each other are deferred: inserts that do nothing on
 * conflict and upserts or updates that only move values up ({@code GREATEST}/{@code LEAST}), none
 * of whose results the projections read. Any other statement (membership changes, edits,
 * redactions, devices, a group's creation, every query) first flushes everything deferred, in order
 * of first appearance, and then runs as it would. So every statement that depends on an earlier
 * write sees it, and the deferred ones, applied in a different order, leave the same rows. A commit
 * flushes first; a rollback drops what was deferred.
 */
final class WriteBehind implements InvocationHandler {

    /** The statements of the projection classes that commute (matched on their SQL text). */
    private static final List<Pattern> COMMUTATIVE = List.of(
            Pattern.compile("^\\s*INSERT INTO messages .*ON CONFLICT DO NOTHING\\s*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO users .*ON CONFLICT \\(user_id\\) DO NOTHING\\s*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO private_chats .*GREATEST.*LEAST.*$", Pattern.DOTALL),
            Pattern.compile("^\\s*INSERT INTO (private|group)_chat_status .*GREATEST.*$", Pattern.DOTALL),
            Pattern.compile("^\\s*UPDATE group_chats SET last_seq = GREATEST.*$", Pattern.DOTALL));
    private static final int MAX_DEFERRED = 5_000;

    private final Connection connection;
    private final Map<String, PreparedStatement> batches = new HashMap<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private int deferred;

    private final Connection proxy;

    WriteBehind(Connection connection) {
        this.connection = connection;
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
                for (PreparedStatement statement : batches.values()) {
                    statement.close();
                }
                batches.clear();
            }
            default -> {
            }
        }
        return call(connection, method, args);
    }

    void flush() throws SQLException {
        for (String sql : pending) {
            batches.get(sql).executeBatch();
        }
        pending.clear();
        deferred = 0;
    }

    private void discard() throws SQLException {
        for (String sql : pending) {
            batches.get(sql).clearBatch();
        }
        pending.clear();
        deferred = 0;
    }

    /** A statement that records its parameters and, on {@code executeUpdate}, adds them to its SQL's batch. */
    private PreparedStatement deferring(String sql) {
        List<Object[]> parameters = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                parameters.add(new Object[] {method, args});
                return null;
            }
            switch (name) {
                case "executeUpdate" -> {
                    if (args != null && args.length > 0) {
                        throw new UnsupportedOperationException("executeUpdate(String) on a prepared statement");
                    }
                    PreparedStatement batch = batches.computeIfAbsent(sql, this::prepare);
                    for (Object[] parameter : parameters) {
                        call(batch, (Method) parameter[0], (Object[]) parameter[1]);
                    }
                    batch.addBatch();
                    parameters.clear();
                    pending.add(sql);
                    if (++deferred >= MAX_DEFERRED) {
                        flush();
                    }
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
                    return call(batches.computeIfAbsent(sql, this::prepare), method, args);
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

    private PreparedStatement prepare(String sql) {
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
