package parley.analyst.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import parley.analyst.bench.BusyGroupChat;

/**
 * Not a test: fills a fresh database with one busy group of {@code chatEvents} events among
 * {@code otherEvents} events of 100 other groups ({@link BusyGroupChat}), and prints the database's
 * JDBC URL and the chat's id for {@code ./parley analyst state}. ops/bench's analyst scenario
 * measures the same chat in a million-event store ({@code ops/bench/run-all analyst}).
 * Run: {@code java -cp ... parley.analyst.state.StateBenchmarkData [chatEvents] [otherEvents] [jdbc:postgresql://host:port/]};
 * it (re)creates the database {@code parley_state_bench} there (user postgres), which is left for later runs.
 */
public final class StateBenchmarkData {

    public static void main(String[] args) throws Exception {
        int chatEvents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int otherEvents = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String server = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/";
        String url = server + "parley_state_bench";
        // Its own database, not a TestDatabase: those are dropped when the JVM exits, and this one is for later runs.
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS parley_state_bench WITH (FORCE)");
            statement.execute("CREATE DATABASE parley_state_bench");
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            BusyGroupChat.Result chat = BusyGroupChat.append(connection, chatEvents, otherEvents, 13,
                    Instant.parse("2025-01-01T00:00:00Z"));
            System.out.println("url=" + url + " chat=" + chat.chat() + " chatEvents=" + chat.chatEvents() + " end=" + chat.last());
        }
    }
}
