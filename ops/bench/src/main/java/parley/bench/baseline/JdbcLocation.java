package parley.bench.baseline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host, port and database of a {@code jdbc:postgresql://} URL, for command-line tools. */
record JdbcLocation(String host, int port, String name) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    static JdbcLocation parse(String jdbcUrl) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return new JdbcLocation(matcher.group(1), matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2)),
                matcher.group(3));
    }
}
