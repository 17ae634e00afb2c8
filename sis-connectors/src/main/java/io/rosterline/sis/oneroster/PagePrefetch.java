package io.rosterline.sis.oneroster;

import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.http.SisHttp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page requested ahead of time, so that the server produces (and the network carries) page N+1 while the reader
 * parses page N. The page's body is drained into memory on a background thread, up to {@link #BUFFER_CAP} bytes; a
 * larger body keeps streaming from the connection after that prefix, so memory stays bounded whatever the page size.
 * Only the reading thread ever parses or delivers records, so records still arrive strictly in order.
 */
final class PagePrefetch {

    /** A bigger prefetched body is not buffered beyond this; the rest streams as usual. */
    static final int BUFFER_CAP = 8 * 1024 * 1024;

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Daemon threads: an abandoned prefetch never keeps a JVM alive. Idle threads end after 60 s. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sis-page-prefetch-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** What a prefetch produced: the response with its body, or why the body could not be read to the end. */
    record Fetched(SisHttp.Response response, PageBuffer prefix, boolean complete, IOException bodyFailure) {
        InputStream body() {
            InputStream head = prefix.asInput();
            return complete ? head : new SequenceInputStream(head, response.body());
        }

        void close() {
            response.close();
        }
    }

    final URI uri;
    private final Future<Fetched> future;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean abandoned;
    private volatile boolean started;

    private PagePrefetch(URI uri, SisHttp http, Authenticator auth) {
        this.uri = uri;
        this.future = POOL.submit(() -> {
            started = true;
            try {
                Fetched fetched = fetch(http, auth);
                if (abandoned) {
                    fetched.close();
                }
                return fetched;
            } finally {
                finished.countDown();
            }
        });
    }

    static PagePrefetch start(URI uri, SisHttp http, Authenticator auth) {
        return new PagePrefetch(uri, http, auth);
    }

    private Fetched fetch(SisHttp http, Authenticator auth) {
        SisHttp.Response response = http.get(uri, auth, "application/json");
        PageBuffer buffer = new PageBuffer();
        try {
            boolean complete = buffer.readFrom(response.body(), BUFFER_CAP, () -> abandoned) && !abandoned;
            return new Fetched(response, buffer, complete, null);
        } catch (IOException broken) {
            response.close();
            return new Fetched(response, new PageBuffer(), true, broken);
        }
    }

    /** A growable byte buffer read straight from the body and read back without copying. */
    static final class PageBuffer extends ByteArrayOutputStream {
        PageBuffer() {
            super(256 * 1024);
        }

        /** Reads until the end of the stream (true) or until {@code cap} bytes or {@code stop} (false). */
        boolean readFrom(InputStream in, int cap, java.util.function.BooleanSupplier stop) throws IOException {
            while (count < cap && !stop.getAsBoolean()) {
                if (count == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(cap, buf.length * 2));
                }
                int n = in.read(buf, count, buf.length - count);
                if (n < 0) {
                    return true;
                }
                count += n;
            }
            return false;
        }

        InputStream asInput() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    /** Waits for the page; SIS failures (SisException) surface here, where a direct fetch would have thrown them. */
    Fetched take() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard();
            throw new io.rosterline.sis.SisException.Unavailable("Reading was interrupted.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The page turned out not to be the one needed, or the read is over: stop it and release its connection. Waits
     * briefly for it to end, so that a finished read has no request of its own still going.
     */
    void discard() {
        abandoned = true;
        if (future.cancel(true) && !started) {
            return;
        }
        try {
            finished.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Done before it saw the flag: its response is ours to close.
        if (future.isDone() && !future.isCancelled()) {
            try {
                future.get().close();
            } catch (InterruptedException | ExecutionException | RuntimeException nothingToClose) {
                // failed or interrupted: it holds no open response
            }
        }
    }
}
