package parley.bench.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The suite's summary: one Markdown table row per fault, and a one-line form for the progress output. */
public final class FaultTable {

    private FaultTable() {
    }

    /** The rows, then the fault that stopped the suite and those not run after it, if it stopped. */
    public static String markdown(List<FaultRow> rows, Optional<FaultStop> stopped) {
        StringBuilder table = new StringBuilder();
        table.append("| Fault | Sent | Acknowledged | during the fault | Lost | Duplicated | Deliveries missing after the heal / "
                + "duplicated / out of order | Deliveries missing of sends before the heal | Read tables = replay | Fault → first ack | "
                + "Heal → ready | Heal → first ack | Errors seen by clients |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        for (FaultRow row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %d | %d | %d / %d / %d | %d | %s | %s | %s | %s | %s |%n",
                    row.fault(), row.sent(), row.acknowledged(), row.acknowledgedDuringOutage(), row.lost(), row.duplicated(),
                    row.deliveriesMissingAfterHeal(), row.deliveriesDuplicated(), row.outOfOrder(),
                    row.deliveriesMissing() - row.deliveriesMissingAfterHeal(), replay(row), seconds(row.injectToAck()),
                    seconds(row.healToReady()), seconds(row.healToAck()), errors(row)));
        }
        stopped.ifPresent(stop -> {
            table.append(String.format(Locale.ROOT, "| %s | **stopped the suite**: %s |%n", stop.fault(), stop.reason().replace("|", "/")));
            stop.notRun().forEach(fault -> table.append(String.format(Locale.ROOT, "| %s | not run |%n", fault)));
        });
        return table.toString();
    }

    static String line(FaultRow row) {
        return String.format(Locale.ROOT, "%s: sent %d, acknowledged %d (%d during), lost %d, duplicated %d, deliveries "
                + "missing after the heal %d (all %d) duplicated %d out of order %d, read tables = replay %s, fault→ack %s, "
                + "heal→ready %s, heal→ack %s, client errors %s",
                row.fault(), row.sent(), row.acknowledged(), row.acknowledgedDuringOutage(), row.lost(), row.duplicated(),
                row.deliveriesMissingAfterHeal(), row.deliveriesMissing(), row.deliveriesDuplicated(), row.outOfOrder(), replay(row),
                seconds(row.injectToAck()), seconds(row.healToReady()), seconds(row.healToAck()), errors(row));
    }

    private static String replay(FaultRow row) {
        return row.replayDifferences().isEmpty() ? "yes" : "no";
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)).orElse("never");
    }

    private static String errors(FaultRow row) {
        if (row.clientErrors().isEmpty()) {
            return "0";
        }
        return row.errors() + " (" + row.clientErrors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().replace("|", "/") + " " + entry.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
