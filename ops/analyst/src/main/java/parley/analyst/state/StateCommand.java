package parley.analyst.state;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Callable;
import parley.analyst.EventPayloads;
import parley.analyst.EventStoreConnection;
import parley.analyst.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./parley analyst state --chat ID [--at TIME | --at-position N] [--json]}: a chat as the read
 * API showed it at a moment, replayed from the event log through {@link ChatState}. Snapshots are not
 * used (see docs/analysts.md, "state"): they are the command side's aggregates, not the read model,
 * and only the latest one is kept.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"A chat as it was at a moment: type, name, members with roles, members count, last seq,",
                "each member's delivered and read watermarks. Replays the chat's events up to that moment."})
public final class StateCommand implements Callable<Integer> {

    @Mixin
    private EventStoreConnection store;

    @Option(names = "--chat", required = true, paramLabel = "ID", description = "the chat's id (a group's or a private chat's)")
    private String chat;

    @Option(names = "--at", paramLabel = "TIME",
            description = "ISO-8601 time, e.g. 2025-03-01T12:00:00Z or 2025-03-01T13:00:00+01:00; events at or before it count"
                    + " (default: now)")
    private String at;

    @Option(names = "--at-position", paramLabel = "N", description = "instead of --at: events up to this global index count")
    private Long atPosition;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        UUID chatId = parseChat();
        Instant moment = parseMoment();
        if (moment != null && atPosition != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at and --at-position exclude each other: give one");
        }
        if (atPosition != null && atPosition < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at-position must be 0 or more, not " + atPosition);
        }
        PointInTime bound = moment != null ? PointInTime.time(moment) : atPosition != null ? PointInTime.position(atPosition)
                : PointInTime.now();
        try (EventStoreConnection where = store; Connection connection = where.open()) {
            ChatReplay replay = new ChatReplay(connection, EventPayloads.standard());
            Progress progress = Progress.onStandardError("state", replay.estimate(chatId));
            ChatReplay.Result result = replay.run(chatId, bound, progress::advance);
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            if (!result.state().exists()) {
                spec.commandLine().getErr().println("Chat " + chatId + " did not exist " + bound.describe()
                        + " (no creation among its " + result.events() + " events up to then).");
                spec.commandLine().getErr().flush();
                return 1;
            }
            StateReport report = StateReport.of(result, bound);
            out.print(json ? report.json() : report.table());
            out.flush();
            return 0;
        }
    }

    private UUID parseChat() {
        try {
            return UUID.fromString(chat.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chat must be a chat id (a UUID), not '" + chat + "'");
        }
    }

    private Instant parseMoment() {
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at.trim());
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(at.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--at must be an ISO-8601 time with a zone, e.g. 2025-03-01T12:00:00Z, not '" + at + "'");
            }
        }
    }
}
