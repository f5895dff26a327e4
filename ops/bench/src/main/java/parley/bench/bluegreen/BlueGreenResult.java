package parley.bench.bluegreen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one blue-green run measured and found. The run passes when no command failed, no acknowledged message is
 * missing from or doubled in the event store and the read tables, and every acknowledged message reached every other
 * member of its chat exactly once (as the application's listener sees it, after the SDK's de-duplication).
 */
record BlueGreenResult(int clients, long requests, Map<String, Long> failures, long acknowledged, long acknowledgedOnBlue,
        long acknowledgedDuringSwitch, long acknowledgedOnGreen, long acrossReconnect, long storeLost, long storeDuplicated,
        long readLost, long readDuplicated, long deliveriesExpected, long deliveriesMissing, long deliveriesDuplicated,
        long undecryptable, long reconnections, double greenStartSeconds, double switchMillis, double drainSeconds,
        double reconnectSeconds, double longestOfflineSeconds, boolean allReconnected) {

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    long lost() {
        return storeLost + readLost + deliveriesMissing;
    }

    long duplicated() {
        return storeDuplicated + readDuplicated + deliveriesDuplicated;
    }

    boolean passed() {
        return failed() == 0 && lost() == 0 && duplicated() == 0 && undecryptable == 0 && allReconnected && acknowledgedOnGreen > 0
                && acknowledgedOnBlue > 0;
    }

    /** Name, value and what it means, in the order the summary prints them. */
    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("clients", clients + " SDK clients through haproxy");
        figures.put("requests", requests + " sends (each waits for its acknowledgement)");
        figures.put("failures", failed() == 0 ? "0" : failed() + " " + failures.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ", "(", ")")));
        figures.put("acknowledged", acknowledged + " (" + acknowledgedOnBlue + " on blue, " + acknowledgedDuringSwitch
                + " during the switch and drain, " + acknowledgedOnGreen + " on green after blue exited)");
        figures.put("sent again by the SDK", acrossReconnect + " sends acknowledged on a later connection than they started on");
        figures.put("lost", lost() + " (event store " + storeLost + ", read tables " + readLost + ", deliveries " + deliveriesMissing
                + " of " + deliveriesExpected + ")");
        figures.put("duplicated", duplicated() + " (event store " + storeDuplicated + ", read tables " + readDuplicated
                + ", deliveries seen twice by the application " + deliveriesDuplicated + ")");
        figures.put("undecryptable", Long.toString(undecryptable));
        figures.put("green start", String.format("%.1f s launch to ready", greenStartSeconds));
        figures.put("switch time", String.format("%.0f ms (green enabled in haproxy, seen UP by its health check, blue out)",
                switchMillis));
        figures.put("drain time", String.format("%.1f s (SIGTERM to blue's exit)", drainSeconds));
        figures.put("reconnect time", allReconnected
                ? String.format("%.1f s (SIGTERM to the last client back, via green); longest a client was offline %.2f s",
                        reconnectSeconds, longestOfflineSeconds)
                : "not every client came back");
        figures.put("reconnections", Long.toString(reconnections));
        figures.put("verdict", passed() ? "PASS" : "FAIL");
        return figures;
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        figures().forEach((name, value) -> text.append(String.format("  %-22s %s%n", name, value)));
        return text.toString();
    }
}
