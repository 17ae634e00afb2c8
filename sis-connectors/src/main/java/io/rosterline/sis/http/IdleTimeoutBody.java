package io.rosterline.sis.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream that gives up when no bytes arrive for a while. java.net.http's own
 * ofInputStream() waits forever on a server that stalls mid-body; a sync job must not. Pulls one chunk at a time,
 * so a slow consumer never makes the client buffer the whole body.
 */
final class IdleTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {

    /** Marks the end of the body in the queue. */
    private static final Object END = new Object();

    private final long idleMillis;
    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    IdleTimeoutBody(Duration idle) {
        this.idleMillis = idle.toMillis();
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new IdleTimeoutBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        body.complete(new Stream());
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable t) {
        chunks.add(t);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    private final class Stream extends InputStream {
        private List<ByteBuffer> current = List.of();
        private int index;
        private boolean done;

        private ByteBuffer buffer() throws IOException {
            while (true) {
                if (done) {
                    return null;
                }
                while (index < current.size()) {
                    ByteBuffer b = current.get(index);
                    if (b.hasRemaining()) {
                        return b;
                    }
                    index++;
                }
                Object next;
                try {
                    next = chunks.poll(idleMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading the response", e);
                }
                if (next == null) {
                    subscription.cancel();
                    throw new IOException("no data received for " + idleMillis / 1000.0 + " s in the middle of the response");
                }
                if (next == END) {
                    done = true;
                    return null;
                }
                if (next instanceof Throwable t) {
                    throw t instanceof IOException io ? io : new IOException(t);
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> list = (List<ByteBuffer>) next;
                current = list;
                index = 0;
                subscription.request(1);
            }
        }

        @Override
        public int read() throws IOException {
            ByteBuffer b = buffer();
            return b == null ? -1 : b.get() & 0xff;
        }

        @Override
        public int read(byte[] dst, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer b = buffer();
            if (b == null) {
                return -1;
            }
            int n = Math.min(len, b.remaining());
            b.get(dst, off, n);
            return n;
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                subscription.cancel();
            }
        }
    }
}
