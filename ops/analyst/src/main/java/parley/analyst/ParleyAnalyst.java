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
        return new CommandLine(new ParleyAnalyst()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
