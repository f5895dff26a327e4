package parley.bench.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import parley.bench.Progress;
import parley.bench.bluegreen.ChattingClients;
import parley.bench.crash.Audit;
import parley.bench.crash.CrashScenario;
import parley.bench.crash.StoredMessage;
import parley.bench.crash.StoredMessages;
import parley.bench.load.AckedMessage;

/**
 * One fault under load, then its audit. New SDK clients (new users, chats and keys, so that each row's counts are its
 * own) chat until a count of sends is acknowledged; the fault is injected, held for its outage, healed; the readiness
 * probe is awaited; the clients chat on until a count of sends started after the heal is acknowledged; they stop.
 * Nothing in the suite helps the clients: the SDK reconnects, resends unanswered sends under their ids, retries
 * {@code OVERLOADED} and catches up from history by itself.
 *
 * <p>Then: every acknowledged message once in the event store and once in the read tables ({@link Audit}, the read
 * tables awaited as the crash scenario does), every acknowledged message seen once by every other member's listener
 * and in each chat's seq order ({@link ChattingClients}, its {@code DeliveryLedger}; this covers the sends before,
 * during and after the fault, the SDK's catch-up included), and the read tables (members counts, watermarks,
 * histories) equal to a from-scratch replay of the event store ({@link FaultEnvironment#replayDifferences}).
 */
final class FaultRun {

    private static final long POLL_MILLIS = 50;

    private FaultRun() {
    }

    static FaultRow run(Fault fault, int number, FaultEnvironment environment, FaultSettings settings) throws Exception {
        Progress progress = environment.progress();
        Path keys = environment.workDir().resolve("keys-" + number);
        progress.line("faults: [%d] %s", number, fault.name());
        try (ChattingClients clients = ChattingClients.connect(environment.baseUrl(), keys, settings.pairs(), "f" + number,
                progress)) {
            clients.start(settings.pause());
            expect(progress, "acknowledged before the fault", awaitCount(clients::acknowledged, settings.acknowledgedBefore(),
                    settings.loadTimeout()));
            long injected = System.nanoTime();
            fault.inject(environment);
            progress.line("faults: [%d] injected after %d acknowledged; held %d s", number, clients.acknowledged(),
                    fault.outage().toSeconds());
            Thread.sleep(fault.outage().toMillis()); // the fault's own length, not a wait for something to happen
            long healing = System.nanoTime();
            fault.heal(environment);
            boolean ready = await(environment::ready, settings.loadTimeout());
            Optional<Duration> healToReady = ready ? Optional.of(Duration.ofNanos(System.nanoTime() - healing)) : Optional.empty();
            progress.line("faults: [%d] healed; readiness %s", number, ready ? "UP" : "not UP");
            boolean resumed = awaitCount(() -> clients.acknowledgedOfSendsStartedAfter(healing), settings.acknowledgedAfter(),
                    settings.loadTimeout());
            expect(progress, "acknowledged after the heal", resumed);
            clients.stop();
            // first the messages sent after the heal, then the rest (sent before or during the fault: their pushes may
            // die with a node or wait for Kafka, the SDK's catch-up from history must bring them)
            expect(progress, "deliveries of the sends after the heal",
                    clients.awaitDeliveriesOfSendsStartedAfter(healing, settings.settleTimeout()));
            if (!clients.awaitDeliveries(settings.catchUpTimeout())) {
                progress.line("faults: [%d] deliveries still missing after %s (times from the injection): %s", number,
                        settings.catchUpTimeout(), clients.describeMissingDeliveries(injected, 20));
                clients.describeRecipientsMissingDeliveries(injected).forEach(line -> progress.line("faults: [%d] %s", number, line));
                ThreadDumps.write(environment.workDir().resolve("threads-" + number + ".txt"));
            }
            List<AckedMessage> acks = clients.acks();
            List<UUID> chats = clients.chatIds();
            try (Connection db = DriverManager.getConnection(environment.jdbcUrl(), environment.jdbcUser(), "")) {
                List<StoredMessage> events = StoredMessages.inEventStore(db, chats);
                Audit store = Audit.of(acks, events);
                CrashScenario.ReadCheck read = CrashScenario.awaitReadTables(db, chats, acks, events, settings.settleTimeout());
                progress.line("faults: [%d] event store %s; read tables %s (%d stored messages absent)", number, store, read.audit(),
                        read.absent());
                List<String> replay = environment.replayDifferences(number, settings.settleTimeout());
                progress.line("faults: [%d] read tables %s a from-scratch replay of the event store%s", number,
                        replay.isEmpty() ? "equal" : "DIFFER from", replay.isEmpty() ? "" : ": " + String.join("; ", replay));
                long lost = store.missing() + store.mismatched() + read.audit().missing() + read.audit().mismatched() + read.absent();
                long duplicated = store.duplicated() + read.audit().duplicated();
                FaultRow row = new FaultRow(fault.name(), clients.requests(), acks.size(),
                        clients.acknowledgedOfSendsStartedAfter(injected) - clients.acknowledgedOfSendsStartedAfter(healing), lost,
                        duplicated, clients.deliveriesMissingOfSendsStartedAfter(healing), clients.deliveriesMissing(),
                        clients.deliveriesDuplicated(), clients.outOfOrder(), replay,
                        clients.firstAcknowledgementOfASendStartedAfter(injected),
                        clients.firstAcknowledgementOfASendStartedAfter(healing), healToReady, resumed, clients.failures());
                progress.line("faults: [%d] %s", number, FaultTable.line(row));
                return row;
            }
        }
    }

    private static void expect(Progress progress, String what, boolean reached) {
        if (!reached) {
            progress.line("faults: not reached within the bound: %s", what);
        }
    }

    /**
     * Waits until {@code count} reaches {@code target}, for as long as it grows: false once it has not grown for
     * {@code stall} (a crowded machine acknowledges slowly, a stalled platform not at all).
     */
    private static boolean awaitCount(LongSupplier count, long target, Duration stall) throws InterruptedException {
        long last = count.getAsLong();
        long lastGrowth = System.nanoTime();
        while (last < target) {
            Thread.sleep(POLL_MILLIS);
            long now = count.getAsLong();
            if (now > last) {
                last = now;
                lastGrowth = System.nanoTime();
            } else if (System.nanoTime() - lastGrowth > stall.toNanos()) {
                return false;
            }
        }
        return true;
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
