package parley.analyst;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a producer on a thread of its own, a bounded queue ahead of the consumer on the calling
 * thread. The export and the rebuild's replay read the event log so: PostgreSQL's next fetch overlaps deserialising and
 * writing the last one instead of each waiting for the other (measured: a single-threaded export spent most of its
 * time waiting for the next fetch). The queues bound the memory; a failure on either side stops both
 * and is thrown here.
 */
public final class Prefetch {

    /** Produces items in order, handing each to {@code emit}. */
    public interface Producer<T> {
        void run(Sink<T> emit) throws Exception;
    }

    public interface Sink<T> {
        void accept(T item) throws Exception;
    }

    private static final int CAPACITY = 4_096;
    private static final Object END = new Object();

    private Prefetch() {
    }

    @SuppressWarnings("unchecked")
    public static <T> void stream(String name, Producer<T> producer, Sink<T> consumer) throws Exception {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
        Throwable[] producerFailure = new Throwable[1];
        StopFlag stop = new StopFlag();
        Thread thread = new Thread(() -> {
            try {
                producer.run(item -> put(queue, item, stop));
            } catch (Stopped ignored) {
                // the consumer failed and reports it
            } catch (Throwable e) {
                producerFailure[0] = e;
            } finally {
                try {
                    put(queue, END, stop);
                } catch (Stopped ignored) {
                    // nobody is taking any more
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        try {
            for (Object item = queue.take(); item != END; item = queue.take()) {
                consumer.accept((T) item);
            }
        } catch (Exception | Error e) {
            stop.set();
            thread.join();
            throw e;
        }
        thread.join();
        if (producerFailure[0] instanceof Exception e) {
            throw e;
        } else if (producerFailure[0] instanceof Error e) {
            throw e;
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item, StopFlag stop) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (stop.isSet()) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Unwinds a producer whose consumer has stopped; not a failure of its own. */
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
