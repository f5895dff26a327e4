package parley.analyst.sql;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's result as an aligned text table: a header, a rule, numbers right-aligned, NULL spelt out,
 * and the row count. Only the first {@code maxRows} rows are kept to measure column widths; the rest
 * are counted, so a huge result cannot fill the heap (write it with {@code --out} instead).
 */
final class TablePrinter {

    private final int maxRows;

    TablePrinter(int maxRows) {
        this.maxRows = maxRows;
    }

    void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        boolean[] numeric = new boolean[columns];
        int[] widths = new int[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
            numeric[i] = isNumeric(meta.getColumnType(i + 1));
            widths[i] = header[i].length();
        }
        List<String[]> shown = new ArrayList<>();
        long total = 0;
        while (rows.next()) {
            total++;
            if (shown.size() < maxRows) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    String value = rows.getString(i + 1);
                    row[i] = value == null ? "NULL" : value;
                    widths[i] = Math.max(widths[i], row[i].length());
                }
                shown.add(row);
            }
        }
        out.println(line(header, widths, new boolean[columns]));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] row : shown) {
            out.println(line(row, widths, numeric));
        }
        out.println(total == shown.size() ? "(" + total + (total == 1 ? " row)" : " rows)")
                : "(" + total + " rows, the first " + shown.size() + " shown; --max-rows shows more, --out writes them all)");
        out.flush();
    }

    private static String line(String[] cells, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(" | ");
            }
            String padding = " ".repeat(widths[i] - cells[i].length());
            line.append(rightAligned[i] ? padding + cells[i] : cells[i] + (i == cells.length - 1 ? "" : padding));
        }
        return line.toString();
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }
}
