package parley.ops.replica;

import parley.local.LocalReplica;

/**
 * One streaming replica of the machine's PostgreSQL per test JVM, made on first use: a base backup
 * of a cluster full of test databases takes a while, and the replica follows databases created
 * after it (each test context's own) anyway.
 */
public final class SharedReplica {

    private static LocalReplica replica;

    private SharedReplica() {
    }

    public static synchronized LocalReplica get() {
        if (replica == null) {
            replica = LocalReplica.streamingFrom("127.0.0.1", 5432, "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(replica::close));
        }
        return replica;
    }
}
