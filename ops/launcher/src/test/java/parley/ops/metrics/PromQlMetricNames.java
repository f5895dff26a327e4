package parley.ops.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The metric names that dashboards ({@code *.json}: every {@code expr}) and Prometheus rule files
 * ({@code *.yml}, {@code *.yaml}: every {@code expr}) under a directory refer to. A PromQL expression's
 * identifiers are the names followed by {@code {}, {@code [}, {@code )}, white space or its end, once
 * strings, label matchers, grouping clauses, Grafana variables, functions, aggregations and keywords
 * are set aside; names that rules {@code record} are the rules' own, not the services'.
 */
final class PromQlMetricNames {

    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![a-zA-Z0-9_:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=[\\s{\\[)]|$)");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*");

    /** Keywords, aggregation operators and functions of PromQL, and the series Prometheus itself makes. */
    static final Set<String> NOT_SERVICE_METRICS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
            "start", "end", "inf", "nan", "Inf", "NaN",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg",
            "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
            "histogram_sum", "holt_winters", "double_exponential_smoothing", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate", "resets",
            "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "time",
            "timestamp", "vector", "year", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
            "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
            "sin", "sinh", "tan", "tanh", "deg", "rad", "pi",
            "up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped");

    private PromQlMetricNames() {
    }

    /** Every metric name referred to by a file under {@code directory}, each with the files that name it. */
    static Map<String, Set<String>> in(Path directory) {
        Map<String, Set<String>> names = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return names;
        }
        List<String> expressions = new ArrayList<>();
        Set<String> recorded = new TreeSet<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                expressions.clear();
                if (fileName.endsWith(".json")) {
                    collect(new ObjectMapper().readTree(file.toFile()), expressions, recorded);
                } else if (fileName.endsWith(".yml") || fileName.endsWith(".yaml")) {
                    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                    for (Object document : yaml.loadAll(Files.readString(file))) {
                        collect(new ObjectMapper().valueToTree(document), expressions, recorded);
                    }
                }
                String relative = directory.relativize(file).toString();
                expressions.forEach(expression -> identifiers(expression)
                        .forEach(name -> names.computeIfAbsent(name, key -> new TreeSet<>()).add(relative)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recorded.forEach(names::remove);
        return names;
    }

    private static void collect(JsonNode node, List<String> expressions, Set<String> recorded) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    expressions.add(field.getValue().asText());
                } else if (field.getKey().equals("record") && field.getValue().isTextual()) {
                    recorded.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), expressions, recorded);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, expressions, recorded));
        }
    }

    /** The metric names one PromQL expression refers to. */
    static Set<String> identifiers(String expression) {
        String bare = STRING.matcher(expression).replaceAll(" ");
        bare = VARIABLE.matcher(bare).replaceAll("1");
        bare = MATCHERS.matcher(bare).replaceAll("{}");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            if (!NOT_SERVICE_METRICS.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
