package parley.analyst.rebuild;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code INSERT … VALUES (…) …} statement written for {@code n} rows: its {@code VALUES} group
 * repeated, so a batch of rows costs the server one statement instead of one each. Only statements
 * whose every parameter is in that group qualify (an {@code INSERT … SELECT} does not).
 */
final class MultiRow {

    private static final Pattern VALUES = Pattern.compile("(?i)^\\s*INSERT\\b.*?\\bVALUES\\s*\\(", Pattern.DOTALL);

    private final String head;
    private final String group;
    private final String tail;
    private final int parameters;
    private final Map<Integer, String> bySize = new HashMap<>();

    private MultiRow(String head, String group, String tail, int parameters) {
        this.head = head;
        this.group = group;
        this.tail = tail;
        this.parameters = parameters;
    }

    /** The multi-row form of {@code sql}, or null if it has none. */
    static MultiRow of(String sql) {
        Matcher values = VALUES.matcher(sql);
        if (!values.find()) {
            return null;
        }
        int open = values.end() - 1;
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '$') {
                return null; // literals or quoted names could hide parentheses or '?': not worth parsing
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                String group = sql.substring(open, i + 1);
                int inGroup = count(group);
                if (inGroup == 0 || inGroup != count(sql)) {
                    return null;
                }
                return new MultiRow(sql.substring(0, open), group, sql.substring(i + 1), inGroup);
            }
        }
        return null;
    }

    int parameters() {
        return parameters;
    }

    String sql(int rows) {
        return bySize.computeIfAbsent(rows, n -> head + String.join(", ", java.util.Collections.nCopies(n, group)) + tail);
    }

    private static int count(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '?') {
                count++;
            }
        }
        return count;
    }
}
