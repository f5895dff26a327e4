package parley.command.testing;

import parley.local.LocalKafka;

/** One real KRaft broker per test JVM, started on first use. */
public final class SharedKafka {

    private static LocalKafka kafka;

    private SharedKafka() {
    }

    public static synchronized LocalKafka get() {
        if (kafka == null) {
            kafka = LocalKafka.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        }
        return kafka;
    }
}
