package io.rosterline.sync.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the consumer of a record stream on a thread of its own, so that parsing the source (the producer: the calling
 * thread, inside the connector) and hashing, comparing and chunking the records overlap on two cores instead of taking
 * turns on one. Records pass in batches through a bounded queue, so memory stays flat whatever the collection's size,
 * and they are consumed in the order they were read, by one thread. A failure on either side stops both: the
 * consumer's failure (a lost lease, a chunk roster-api refused) is thrown to the producer at its next record, and
 * {@link #close()} stops the consumer when the producer fails.
 */
final class Handoff<T> implements Consumer<T>, AutoCloseable {

    static final int BATCH = 512;
    static final int BATCHES_QUEUED = 8;

    private static final List<Object> END = List.of();

    private final ArrayBlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(BATCHES_QUEUED);
    private final Thread thread;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;

    @SuppressWarnings("unchecked")
    Handoff(String name, Consumer<? super T> consumer) {
        thread = new Thread(() -> {
            try {
                for (List<Object> next = queue.take(); next != END; next = queue.take()) {
                    for (Object item : next) {
                        consumer.accept((T) item);
                    }
                }
            } catch (InterruptedException e) {
                // stopped by close(): the producer failed and nobody waits for the rest
            } catch (Throwable t) {
                failure = t;
                queue.clear(); // a producer waiting for room sees the failure at once
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(T item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits until every record handed over was consumed, then rethrows the consumer's failure, if any. */
    void finish() {
        if (!batch.isEmpty()) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
        handOver(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the records were being compared", e);
        }
        rethrowFailure();
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    private void handOver(List<Object> items) {
        try {
            while (!queue.offer(items, 50, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records over", e);
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(t);
    }
}
