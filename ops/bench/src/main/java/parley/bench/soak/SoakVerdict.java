package parley.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether the soak's figures stayed flat: each compared between the first windows after the warm-up (the baseline)
 * and the last windows of the same run. Only ratios to the run's own baseline are judged, never absolute values: the
 * machine is shared, and what a figure is at all says little; that it grows over half an hour says something.
 *
 * <p>The warm-up is the first tenth of the windows (at least one: JIT, pools filling, G1 sizing its young
 * generation); the baseline and the tail are up to three windows each, fewer in a short run so that they do not
 * overlap. The allowances are wide enough for a shared machine's noise; what they let through is stated in
 * ops/runbooks/soak.md (for the heap: with 70 MiB after a full GC, about 1 KiB retained per message at 16 msg/s over
 * 30 minutes, 250 bytes at 75 msg/s).
 */
final class SoakVerdict {

    /**
     * The heap's verdict: after a full GC at the end of the baseline windows and after the load (jcmd), a quarter more
     * plus 16 MiB (caches filling to their bound are not a leak). Not per window: the old generation's figure after its latest collection
     * (jvm_gc_live_data_size) only changes when G1 collects it, which a 1 GiB heap at half the maximum may not do in 30
     * minutes; judged, it would look flat whatever leaked. The windows show it, and the heap in use, for reading.
     */
    static final Rule HEAP_AFTER_GC = new Rule("heap after a full GC (jcmd: end of the baseline, after the load)", "MiB", true, 1.25, 16,
            Aggregate.ONE, Aggregate.ONE, w -> Double.NaN);
    private static final List<Rule> RULES = List.of(
            // The resident size also holds metaspace, code cache and thread stacks, which settle more slowly.
            Rule.ceiling("process RSS", "MiB", 1.25, 32, Aggregate.MEAN, Aggregate.MEAN, w -> SoakRecorder.mib(w.platform().rssBytes())),
            Rule.ceiling("direct buffers", "MiB", 1.25, 16, Aggregate.MEAN, Aggregate.MEAN, w -> SoakRecorder.mib(w.platform().directBytes())),
            Rule.ceiling("live threads", "threads", 1, 5, Aggregate.MAX, Aggregate.MAX, w -> w.platform().threads()),
            Rule.ceiling("Hikari connections open", "connections", 1, 0, Aggregate.MAX, Aggregate.MAX, w -> w.platform().hikariTotal()),
            // borrowed at one instant: noisy, so the tail's mean against twice the baseline's
            Rule.ceiling("Hikari connections borrowed", "connections", 2, 2, Aggregate.MEAN, Aggregate.MEAN,
                    w -> w.platform().hikariActive()),
            Rule.ceiling("WebSocket sessions", "sessions", 1, 0, Aggregate.MAX, Aggregate.MAX, w -> w.platform().webSocketSessions()),
            Rule.ceiling("open files", "files", 1, 10, Aggregate.MAX, Aggregate.MAX, w -> w.platform().openFiles()),
            Rule.ceiling("delivered p99", "ms", 2, 0, Aggregate.MEAN, Aggregate.MEAN, SoakWindow::deliveredP99Ms),
            Rule.ceiling("ack p99", "ms", 2, 0, Aggregate.MEAN, Aggregate.MEAN, SoakWindow::ackP99Ms),
            Rule.ceiling("errors per window", "sends", 1, 0, Aggregate.MAX, Aggregate.MAX, w -> w.errors()),
            // the open loop keeps its schedule whatever happens: a platform falling behind acknowledges less than offered
            Rule.floor("acknowledged / offered", "", 0.95, 0, Aggregate.MEAN, Aggregate.MEAN,
                    w -> w.offeredPerSecond() > 0 ? w.ackedPerSecond() / w.offeredPerSecond() : Double.NaN));

    private SoakVerdict() {
    }

    enum Aggregate {
        MEAN, MAX, ONE
    }

    /**
     * One figure's rule: a ceiling holds when tail ≤ baseline × factor + slack, a floor when tail ≥ baseline × factor −
     * slack; the baseline and the tail are the windows' mean or maximum.
     */
    record Rule(String figure, String unit, boolean ceiling, double factor, double slack, Aggregate baseline, Aggregate tail,
            ToDoubleFunction<SoakWindow> value) {

        static Rule ceiling(String figure, String unit, double factor, double slack, Aggregate baseline, Aggregate tail,
                ToDoubleFunction<SoakWindow> value) {
            return new Rule(figure, unit, true, factor, slack, baseline, tail, value);
        }

        static Rule floor(String figure, String unit, double factor, double slack, Aggregate baseline, Aggregate tail,
                ToDoubleFunction<SoakWindow> value) {
            return new Rule(figure, unit, false, factor, slack, baseline, tail, value);
        }

        String describe() {
            String bound = (factor == 1 ? "" : String.format(Locale.ROOT, "%s× ", number(factor))) + "baseline"
                    + (slack == 0 ? "" : String.format(Locale.ROOT, " %s %s%s", ceiling ? "+" : "−", number(slack),
                            unit.isEmpty() ? "" : " " + unit));
            String which = switch (tail) {
                case MAX -> "max";
                case MEAN -> "mean";
                case ONE -> "after";
            };
            return which + (ceiling ? " ≤ " : " ≥ ") + bound;
        }

        Check check(double baselineValue, double tailValue) {
            if (Double.isNaN(baselineValue) || Double.isNaN(tailValue)) {
                return new Check(this, baselineValue, tailValue, Outcome.NOT_MEASURED);
            }
            boolean held = ceiling ? tailValue <= baselineValue * factor + slack : tailValue >= baselineValue * factor - slack;
            return new Check(this, baselineValue, tailValue, held ? Outcome.FLAT : Outcome.GREW);
        }
    }

    enum Outcome {
        FLAT("flat"), GREW("**grew**"), NOT_MEASURED("not measured");

        final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    record Check(Rule rule, double baseline, double tail, Outcome outcome) {

        double ratio() {
            return baseline == 0 ? (tail == 0 ? 1 : Double.NaN) : tail / baseline;
        }
    }

    /** Which windows (1-based, inclusive) are the warm-up, the baseline and the tail. */
    record Split(int warmUp, int baselineFrom, int baselineTo, int tailFrom, int tailTo) {

        static Split of(int windows) {
            int warmUp = Math.max(1, windows / 10);
            int judged = windows - warmUp;
            if (judged < 2) {
                return null;
            }
            int each = Math.max(1, Math.min(3, judged / 3));
            return new Split(warmUp, warmUp + 1, warmUp + each, windows - each + 1, windows);
        }

        String describe() {
            return String.format(Locale.ROOT, "warm-up %s, baseline %s, last %s", range(1, warmUp), range(baselineFrom, baselineTo),
                    range(tailFrom, tailTo));
        }

        private static String range(int from, int to) {
            return from == to ? "window " + from : "windows " + from + "–" + to;
        }
    }

    /** The verdict: empty when the run had too few windows to set a baseline apart from its tail. */
    record Verdict(Split split, List<Check> checks) {

        boolean flat() {
            return split != null && checks.stream().noneMatch(check -> check.outcome() == Outcome.GREW);
        }
    }

    static Verdict judge(List<SoakWindow> windows, double heapAfterGcAtBaseline, double heapAfterGcAtEnd) {
        Split split = Split.of(windows.size());
        if (split == null) {
            return new Verdict(null, List.of());
        }
        List<Check> checks = new ArrayList<>();
        checks.add(HEAP_AFTER_GC.check(SoakRecorder.mib(heapAfterGcAtBaseline), SoakRecorder.mib(heapAfterGcAtEnd)));
        for (Rule rule : RULES) {
            checks.add(rule.check(aggregate(windows, split.baselineFrom(), split.baselineTo(), rule.baseline(), rule.value()),
                    aggregate(windows, split.tailFrom(), split.tailTo(), rule.tail(), rule.value())));
        }
        return new Verdict(split, checks);
    }

    /** Over windows {@code from}–{@code to} (1-based); NaN if any of them lacks the figure. */
    private static double aggregate(List<SoakWindow> windows, int from, int to, Aggregate aggregate, ToDoubleFunction<SoakWindow> value) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int index = from; index <= to; index++) {
            double figure = value.applyAsDouble(windows.get(index - 1));
            if (Double.isNaN(figure)) {
                return Double.NaN;
            }
            sum += figure;
            max = Math.max(max, figure);
        }
        return aggregate == Aggregate.MAX ? max : sum / (to - from + 1);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.2f", value);
    }
}
