package parley.bench.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a baseline tool to completion and reads figures out of what it printed. */
final class Command {

    private Command() {
    }

    static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no match for /" + regex + "/ in:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    static double numberOr(String output, String regex, double fallback) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : fallback;
    }

    /** The last match: tools that print interim lines print their summary last. */
    static double last(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        String value = null;
        while (matcher.find()) {
            value = matcher.group(1);
        }
        if (value == null) {
            throw new IllegalStateException("no match for /" + regex + "/ in:\n" + output);
        }
        return Double.parseDouble(value);
    }
}
