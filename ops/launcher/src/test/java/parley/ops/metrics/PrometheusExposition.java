package parley.ops.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /actuator/prometheus} in the text exposition format: its metric families (from
 * {@code # TYPE} lines) and its samples with their labels and values.
 */
record PrometheusExposition(Set<String> families, List<Sample> samples) {

    /** The suffixes a family's samples carry (histograms, summaries, counters) and Micrometer's {@code _max} gauges. */
    static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_max", "_created");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusExposition parse(String text) {
        Set<String> families = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new PrometheusExposition(families, samples);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            Matcher matcher = LABEL.matcher(line.substring(brace + 1, close));
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
            rest = line.substring(close + 1).trim();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        return new Sample(name, labels, value(rest.split(" ")[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** A name as a query or a rule writes it: a family, a sample name, or a family with one of {@link #SUFFIXES}. */
    boolean has(String name) {
        if (families.contains(name) || samples.stream().anyMatch(sample -> sample.name().equals(name))) {
            return true;
        }
        return SUFFIXES.stream().anyMatch(suffix -> name.endsWith(suffix)
                && families.contains(name.substring(0, name.length() - suffix.length())));
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The sum of the named samples whose labels include {@code labels}. */
    double sum(String name, Map<String, String> labels) {
        return samples(name).stream().filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }
}
