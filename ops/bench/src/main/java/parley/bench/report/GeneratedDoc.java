package parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Markdown file under docs/ that harnesses write: each harness owns one {@code ## } section and replaces it on
 * every run, leaving the other sections and the file's introduction as they are.
 */
public record GeneratedDoc(String introduction) {

    /** docs/deployments.md: the blue-green and the region-failover harnesses. */
    public static final GeneratedDoc DEPLOYMENTS = new GeneratedDoc("""
            # Deployments: what the harnesses last showed

            Each section is written by its harness's last run (see the runbooks under ops/runbooks/ for the procedures).
            """);

    /** docs/reliability.md: the fault suite, the CPU-starvation scenario and the soak (issue 16). */
    public static final GeneratedDoc RELIABILITY = new GeneratedDoc("""
            # Reliability: what the fault harnesses last showed

            Parley's first promise is that an acknowledged message is never lost and never shows up twice. The
            harnesses below break real processes on this machine (SIGKILL, restarts, stopped clusters) while SDK
            clients chat, and count. Each section is written by its harness's last run; how to run them and read
            them: [ops/runbooks/fault-suite.md](../ops/runbooks/fault-suite.md), the design:
            [ADR 0020](adr/0020-fault-suite-on-loopback.md).
            """);

    /** Replaces the section whose heading is {@code heading} (or appends it); creates the file if needed. */
    public void writeSection(Path file, String heading, String body) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : introduction;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, replaceSection(text, heading, body));
    }

    public static String replaceSection(String text, String heading, String body) {
        if (!heading.startsWith("## ") || heading.contains("\n")) {
            throw new IllegalArgumentException("a section heading is one line starting with '## ': " + heading);
        }
        String section = heading + "\n\n" + body.strip() + "\n";
        int start = text.startsWith(heading + "\n") ? 0 : text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return text.stripTrailing() + "\n\n" + section;
        }
        int from = start == 0 ? 0 : start + 1;
        int next = text.indexOf("\n## ", from + heading.length());
        String after = next < 0 ? "" : "\n" + text.substring(next + 1);
        return text.substring(0, from) + section + after;
    }
}
