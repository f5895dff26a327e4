package parley.bench.failover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Kafka publisher stands in a database: its tracking token's index and owner in {@code tokenentry}
 * (replicated with everything else), beside the event store's head. Read on B at promotion it shows the position B's
 * publisher resumes from; read at the end, that B's node took the claim over and caught up.
 *
 * @param index the last global index the publisher has handled, -1 if it has no token
 * @param owner the node holding the claim, null if released
 * @param head the event store's highest global index
 */
record PublisherPosition(long index, String owner, long head) {

    static final String PROCESSOR = "kafka-publisher";
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)|<index>(\\d+)</index>");
    private static final String TOKEN = """
            SELECT convert_from(token, 'UTF8'), owner FROM tokenentry WHERE processorname = ? AND segment = 0""";
    private static final String HEAD = "SELECT coalesce(max(globalindex), -1) FROM domainevententry";

    static PublisherPosition of(Connection db) throws SQLException {
        long index = -1;
        String owner = null;
        try (PreparedStatement statement = db.prepareStatement(TOKEN)) {
            statement.setString(1, PROCESSOR);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    index = indexOf(row.getString(1));
                    owner = row.getString(2);
                }
            }
        }
        try (PreparedStatement statement = db.prepareStatement(HEAD); ResultSet row = statement.executeQuery()) {
            row.next();
            return new PublisherPosition(index, owner, row.getLong(1));
        }
    }

    /** The {@code index} of a serialized tracking token (Axon's GapAwareTrackingToken, as JSON or XML), -1 if it has none. */
    static long indexOf(String token) {
        if (token == null) {
            return -1;
        }
        Matcher matcher = INDEX.matcher(token);
        if (!matcher.find()) {
            return -1;
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    long behind() {
        return index < 0 ? head + 1 : head - index;
    }

    @Override
    public String toString() {
        return String.format("index %d of %d (%d behind), owner %s", index, head, behind(), owner);
    }
}
