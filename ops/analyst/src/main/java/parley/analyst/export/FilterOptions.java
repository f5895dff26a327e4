package parley.analyst.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import parley.analyst.EventFilter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The event filters every reading command takes (a picocli mixin), checked before anything is read or written. */
public final class FilterOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--from", converter = TimeConverter.class, paramLabel = "TIME",
            description = "only events at or after TIME (ISO-8601 UTC: 2026-03-01, 2026-03-01T12:00, 2026-03-01T12:00:00Z)")
    private Instant from;

    @Option(names = "--to", converter = TimeConverter.class, paramLabel = "TIME", description = "only events before TIME")
    private Instant to;

    @Option(names = "--after-position", paramLabel = "N", description = "only events with a global position greater than N")
    private Long afterPosition;

    @Option(names = "--until-position", paramLabel = "N", description = "only events with a global position up to and including N")
    private Long untilPosition;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "only these event types, e.g. GroupMessageSent,MemberAdded")
    private List<String> types = List.of();

    @Option(names = "--chat", paramLabel = "ID", description = "only this chat's events (its own and its members' receipts)")
    private String chat;

    /** The filter, or a usage error (exit code 2) naming what is wrong. */
    public EventFilter filter() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw usage("--from " + from + " is not before --to " + to);
        }
        if (afterPosition != null && untilPosition != null && afterPosition >= untilPosition) {
            throw usage("--after-position " + afterPosition + " is not below --until-position " + untilPosition);
        }
        Set<String> typeNames = new LinkedHashSet<>();
        for (String type : types) {
            String name = type.trim();
            if (!PayloadFacts.KNOWN_TYPES.contains(name) && !PayloadFacts.KNOWN_TYPES.contains(name.substring(name.lastIndexOf('.') + 1))) {
                throw usage("unknown event type '" + name + "' in --types; known types: " + String.join(",", PayloadFacts.KNOWN_TYPES));
            }
            typeNames.add(name);
        }
        if (chat != null) {
            try {
                chat = UUID.fromString(chat).toString();
            } catch (IllegalArgumentException e) {
                throw usage("--chat '" + chat + "' is not a chat id (a UUID)");
            }
        }
        return new EventFilter(afterPosition, untilPosition, from, to, Set.copyOf(typeNames), chat);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** ISO-8601 times in UTC: a date (its midnight), a date and time without zone, or an instant with its offset. */
    public static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                    return java.time.OffsetDateTime.parse(value).toInstant();
                }
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 time such as 2026-03-01 or 2026-03-01T12:00:00Z");
            }
        }
    }
}
