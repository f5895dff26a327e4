package parley.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import parley.bench.Figure;
import parley.bench.ScenarioResult;

/** Turns a finished run into its {@link ScenarioResult}: the headline figures and the two latency histograms. */
final class LoadResults {

    private LoadResults() {
    }

    static ScenarioResult of(LoadSettings settings, LoadRun run, int payloadBytes, double sealMicros) {
        LoadCounters counters = run.counters();
        DeliveryLedger ledger = run.ledger();
        double seconds = settings.measured().toNanos() / 1e9;
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("users", settings.users(), "users"));
        figures.add(new Figure("acked-per-s", counters.ackedInWindow.sum() / seconds, "msg/s"));
        figures.add(new Figure("deliveries-per-s", counters.deliveredInWindow.sum() / seconds, "deliveries/s"));
        figures.add(Figure.percentileMs("ack-p50-ms", counters.sendAck, 50));
        figures.add(Figure.percentileMs("ack-p99-ms", counters.sendAck, 99));
        figures.add(Figure.percentileMs("delivered-p50-ms", counters.sendDelivered, 50));
        figures.add(Figure.percentileMs("delivered-p99-ms", counters.sendDelivered, 99));
        figures.add(Figure.percentileMs("delivered-p999-ms", counters.sendDelivered, 99.9));
        figures.add(new Figure("envelope-bytes", payloadBytes, "bytes"));
        if (!Double.isNaN(sealMicros)) {
            figures.add(new Figure("seal-us", sealMicros, "µs"));
        }
        figures.add(new Figure("errors-rejected", counters.rejected.sum(), "commands"));
        // every OVERLOADED reply (closed loop retries them; only those given up count in the run's errors)
        figures.add(new Figure("errors-overloaded", counters.overloaded.sum(), "commands"));
        figures.add(new Figure("errors-failed", counters.failed.sum(), "commands"));
        figures.add(new Figure("errors-timeout", counters.timedOut.sum(), "commands"));
        figures.add(new Figure("receipts-sent", counters.receiptsSent.sum(), "commands"));
        figures.add(new Figure("receipts-rejected", counters.receiptsRejected.sum(), "commands"));
        figures.add(new Figure("sessions-lost", counters.sessionsLost.sum(), "sessions"));
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("send-ack", counters.sendAck);
        latencies.put("send-delivered", counters.sendDelivered);
        String description = settings.describe() + rejections(run);
        return new ScenarioResult(settings.name(), description, figures, latencies, counters.acked.sum(), ledger.missing(),
                ledger.duplicated(), counters.errors());
    }

    private static String rejections(LoadRun run) {
        if (run.rejections().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; rejected:");
        run.rejections().forEach((code, count) -> text.append(' ').append(code).append('=').append(count.sum()));
        return text.toString();
    }
}
