package parley.analyst;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./parley analyst ...}: tools over the event log for people who are not Java developers.
 * Each subcommand is a class of its own feature package; this class only lists them.
 */
@Command(name = "analyst", mixinStandardHelpOptions = true,
        description = "Export, query and replay Parley's event log.",
        subcommands = {
                parley.analyst.export.ExportCommand.class,
                parley.analyst.sql.SqlCommand.class,
                parley.analyst.state.StateCommand.class,
                parley.analyst.rebuild.RebuildCommand.class,
                parley.analyst.rebuild.VerifyCommand.class,
        })
public final class ParleyAnalyst implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit code of one invocation; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with the tools' error handling: a usage error is one line on standard error and
     * exit code 2, a failure one line (the cause's message) and exit code 1; neither prints a stack
     * trace unless {@code PARLEY_ANALYST_DEBUG} is set.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ParleyAnalyst());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + e.getMessage() + " (see --help)");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandName() + " failed: " + describe(e));
            if (System.getenv("PARLEY_ANALYST_DEBUG") != null) {
                e.printStackTrace(failed.getErr());
            }
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        }
        return message == null ? e.toString() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
