package parley.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.AppInfoParser;

/** What a run ran on, as written beside its figures: absolute times mean little without it. */
public record Machine(int cores, String cpu, long memoryGiB, String os, String java, String postgres, String kafka) {

    public static Machine describe(String jdbcUrl, String jdbcUser) {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
                firstValue(Path.of("/proc/meminfo"), "MemTotal").map(Machine::kibToGib).orElse(0L),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                postgresVersion(jdbcUrl, jdbcUser),
                AppInfoParser.getVersion());
    }

    public String oneLine() {
        return cores + " cores (" + cpu + "), " + memoryGiB + " GiB, " + os + ", " + java + ", PostgreSQL " + postgres
                + ", Kafka " + kafka;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("cpu", cpu);
        map.put("memoryGiB", memoryGiB);
        map.put("os", os);
        map.put("java", java);
        map.put("postgres", postgres);
        map.put("kafka", kafka);
        return map;
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kibToGib(String memTotal) {
        return Math.round(Long.parseLong(memTotal.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    }

    private static String postgresVersion(String jdbcUrl, String jdbcUser) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                PreparedStatement statement = connection.prepareStatement("SHOW server_version");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getString(1);
        } catch (Exception e) {
            return "unknown";
        }
    }
}
