package parley.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The platform's {@code /actuator/prometheus} (it answers loopback without credentials) and reading series out of it. */
public final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Prometheus() {
    }

    /** The exposition text; a generous timeout, as a starved or busy platform answers late. */
    public static String scrape(URI baseUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/actuator/prometheus")).timeout(Duration.ofSeconds(60)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The sum over the series of {@code name} whose labels contain {@code labelFilter} ("" for all); a series the
     * platform does not have counts 0, and so does a NaN gauge.
     */
    public static double sum(String exposition, String name, String labelFilter) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labelFilter)) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                try {
                    double parsed = Double.parseDouble(value);
                    sum += Double.isFinite(parsed) ? parsed : 0; // a NaN gauge is not a count
                } catch (NumberFormatException e) {
                    // an exemplar tail: not a count
                }
            }
        }
        return sum;
    }

    /** Whether the platform exposes {@code name} at all (a sum of 0 cannot tell). */
    public static boolean has(String exposition, String name) {
        return exposition.startsWith(name + "{") || exposition.startsWith(name + " ") || exposition.contains("\n" + name + "{")
                || exposition.contains("\n" + name + " ");
    }
}
