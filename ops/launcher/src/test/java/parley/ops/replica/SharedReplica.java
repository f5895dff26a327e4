package parley.ops.replica;

import java.util.Optional;
import parley.command.testing.MachineRequirements;
import parley.local.LocalReplica;
import parley.local.TestDatabase;

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
        require();
        if (replica == null) {
            replica = LocalReplica.streamingFrom(TestDatabase.serverHost(), TestDatabase.serverPort(), "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(replica::close));
        }
        return replica;
    }

    /**
     * The replica is made with the machine's own binaries from the machine's own server: the
     * embedded PostgreSQL the tests fall back to bundles no pg_basebackup, and its major version
     * need not match the machine's.
     */
    public static void require() {
        Optional<String> missing = LocalReplica.missingBinaries();
        if (missing.isEmpty() && TestDatabase.onEmbeddedServer()) {
            missing = Optional.of("the machine's PostgreSQL server running (on 127.0.0.1:5432 or PARLEY_TEST_PG_URL; "
                    + "nothing answered there, so the tests use an embedded one), allowing replication connections from "
                    + "127.0.0.1 (pg_hba.conf: host replication all 127.0.0.1/32 trust, as .ci/run sets)");
        }
        MachineRequirements.require("the streaming-replica test", missing);
    }
}
