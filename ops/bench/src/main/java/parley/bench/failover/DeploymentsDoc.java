package parley.bench.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts one section into docs/deployments.md, replacing the section of the same title and leaving every other
 * section (the blue-green harness writes its own) as it was; creates the file with a short header when it is absent.
 */
final class DeploymentsDoc {

    static final String HEADER = """
            # Deployments, shown

            The latest results of the harnesses that show Parley's deployment procedures working on one machine. Each
            harness rewrites only its own section.
            """;

    private DeploymentsDoc() {
    }

    static void writeSection(Path file, String title, String body) throws IOException {
        String heading = "## " + title;
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
        String section = heading + "\n\n" + body.strip() + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, replaced(text, heading, section), StandardCharsets.UTF_8);
    }

    /** {@code text} with the section under {@code heading} (up to the next level-2 heading) replaced, or appended. */
    static String replaced(String text, String heading, String section) {
        List<String> lines = text.lines().toList();
        int start = lines.indexOf(heading);
        if (start < 0) {
            return text.stripTrailing() + "\n\n" + section;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        String before = String.join("\n", lines.subList(0, start));
        String after = String.join("\n", lines.subList(end, lines.size()));
        return (before.isBlank() ? "" : before.stripTrailing() + "\n\n") + section + (after.isBlank() ? "" : "\n" + after + "\n");
    }
}
