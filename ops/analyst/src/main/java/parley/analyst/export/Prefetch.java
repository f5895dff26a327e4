package parley.analyst.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import parley.analyst.EventFilter;
import parley.analyst.EventLog;
import parley.analyst.StoredEvent;

/**
 * Reads the event log on a thread of its own, a bounded queue ahead of the thread that turns rows
 * into the file. PostgreSQL produces the next fetch while this side deserialises and writes the
 * last one, instead of each waiting for the other (measured: most of a single-threaded export was
 * spent waiting for the next fetch). The queue bounds the memory; a failure on either side stops both.
 */
final class Prefetch {

    /** What the writing side does with each event, in order. */
    interface Sink {
        void accept(StoredEvent event) throws Exception;
    }

    private static final int CAPACITY = 4_096;
    private static final StoredEvent END = new StoredEvent(-1, "", "", -1, "", java.time.Instant.EPOCH, "", null, new byte[0], null);

    private Prefetch() {
    }

    static void stream(EventLog log, EventFilter filter, Sink sink) throws Exception {
        BlockingQueue<StoredEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
        Throwable[] readFailure = new Throwable[1];
        StopFlag stop = new StopFlag();
        Thread reader = new Thread(() -> {
            try {
                log.read(filter, event -> put(queue, event, stop));
            } catch (Stopped ignored) {
                // the writing side failed and said so
            } catch (Throwable e) {
                readFailure[0] = e;
            } finally {
                try {
                    put(queue, END, stop);
                } catch (Stopped ignored) {
                    // nobody is taking any more
                }
            }
        }, "event-log-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            for (StoredEvent event = queue.take(); event != END; event = queue.take()) {
                sink.accept(event);
            }
        } catch (Exception | Error e) {
            stop.set();
            reader.join();
            throw e;
        }
        reader.join();
        if (readFailure[0] instanceof Exception e) {
            throw e;
        } else if (readFailure[0] instanceof Error e) {
            throw e;
        }
    }

    private static void put(BlockingQueue<StoredEvent> queue, StoredEvent event, StopFlag stop) {
        try {
            while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                if (stop.isSet()) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static final class StopFlag {
        private volatile boolean set;

        void set() {
            set = true;
        }

        boolean isSet() {
            return set;
        }
    }
}
