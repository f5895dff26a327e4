package parley.command;

/**
 * System properties Axon reads before Spring starts: no phoning home to AxonIQ (the update checker
 * sends usage data on start) and no console advertisement in the log.
 */
public final class AxonDefaults {

    private AxonDefaults() {
    }

    public static void apply() {
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
