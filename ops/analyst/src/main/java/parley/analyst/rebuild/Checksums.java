package parley.analyst.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.projections.generation.ReadModel;

/**
 * Row counts and order-independent checksums of a generation's read tables: the sum, as an exact
 * numeric, of the first 64 bits of each row's md5 over the listed columns. Constant memory on the
 * server whatever the table's size, and equal exactly when the two tables hold the same rows
 * (barring a 64-bit collision).
 */
final class Checksums {

    /** One table's count and checksum. */
    record TableSum(long rows, String checksum) {
    }

    private Checksums() {
    }

    /** Every table of the query side's contract, over the columns its view shows. */
    static Map<String, TableSum> of(Connection connection, String schema, Map<String, List<String>> tables) throws SQLException {
        Map<String, TableSum> sums = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            String sql = "SELECT count(*), coalesce(sum(('x' || substr(md5(ROW(" + String.join(", ", table.getValue())
                    + ")::text), 1, 16))::bit(64)::bigint), 0)::text FROM " + ReadModel.identifier(schema) + "." + table.getKey();
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                sums.put(table.getKey(), new TableSum(row.getLong(1), row.getString(2)));
            }
        }
        return sums;
    }

    /** Every column of each of {@code tables} in {@code schema}, in table order: a full comparison of one layout. */
    static Map<String, List<String>> columnsOf(Connection connection, String schema, Iterable<String> tables) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            for (String table : tables) {
                statement.setString(1, schema);
                statement.setString(2, table);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                if (names.isEmpty()) {
                    throw new IllegalStateException(schema + "." + table + " does not exist");
                }
                columns.put(table, names);
            }
        }
        return columns;
    }

    /** Up to {@code limit} rows that {@code left} has and {@code right} has not, as text. */
    static List<String> onlyIn(Connection connection, String left, String right, String table, List<String> columns, int limit)
            throws SQLException {
        String list = String.join(", ", columns);
        String sql = "SELECT ROW(" + list + ")::text FROM (SELECT " + list + " FROM " + ReadModel.identifier(left) + "." + table
                + " EXCEPT SELECT " + list + " FROM " + ReadModel.identifier(right) + "." + table + ") d LIMIT ?";
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }

    /**
     * What differs between two generations: one line per table whose count or checksum differ, then
     * sample rows that only one side has. Empty when they are equal.
     */
    static List<String> differences(Connection connection, String left, String right, Map<String, List<String>> tables,
            int samples) throws SQLException {
        Map<String, TableSum> a = of(connection, left, tables);
        Map<String, TableSum> b = of(connection, right, tables);
        List<String> lines = new ArrayList<>();
        for (String table : tables.keySet()) {
            if (!a.get(table).equals(b.get(table))) {
                lines.add(String.format("%s: %s has %,d rows (checksum %s), %s has %,d rows (checksum %s)", table, left,
                        a.get(table).rows(), a.get(table).checksum(), right, b.get(table).rows(), b.get(table).checksum()));
                for (String row : onlyIn(connection, left, right, table, tables.get(table), samples)) {
                    lines.add("  only in " + left + ": " + row);
                }
                for (String row : onlyIn(connection, right, left, table, tables.get(table), samples)) {
                    lines.add("  only in " + right + ": " + row);
                }
            }
        }
        return lines;
    }
}
