package io.rosterline.sync.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffTest {

    @Test
    void given_a_stream_of_records_when_handed_over_then_one_other_thread_consumes_all_of_them_in_order() {
        List<Integer> consumed = new ArrayList<>();
        AtomicReference<Thread> consumer = new AtomicReference<>();
        try (Handoff<Integer> handoff = new Handoff<>("test", i -> {
            consumer.compareAndSet(null, Thread.currentThread());
            assertSame(consumer.get(), Thread.currentThread(), "one consumer thread");
            consumed.add(i);
        })) {
            for (int i = 0; i < 10_001; i++) {
                handoff.accept(i);
            }
            handoff.finish();
        }
        assertEquals(10_001, consumed.size());
        for (int i = 0; i < consumed.size(); i++) {
            assertEquals(i, consumed.get(i));
        }
        assertNotEquals(Thread.currentThread(), consumer.get());
    }

    @Test
    void given_a_consumer_that_fails_when_the_producer_goes_on_then_it_gets_that_failure_within_the_queued_records() {
        IllegalStateException refused = new IllegalStateException("roster-api refused the chunk");
        AtomicInteger handed = new AtomicInteger();
        IllegalStateException thrown;
        try (Handoff<Integer> handoff = new Handoff<>("test", i -> {
            if (i == 1_000) {
                throw refused;
            }
        })) {
            thrown = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 1_000_000; i++) {
                    handoff.accept(i);
                    handed.incrementAndGet();
                }
                handoff.finish();
            });
        }
        assertSame(refused, thrown);
        assertTrue(handed.get() < 1_000 + Handoff.BATCH * (Handoff.BATCHES_QUEUED + 3),
                "the producer stops soon after, not at the end of the stream: " + handed.get());
    }

    @Test
    void given_a_consumer_that_fails_on_the_last_records_when_the_producer_finishes_then_finish_throws_it() {
        try (Handoff<Integer> handoff = new Handoff<>("test", i -> {
            if (i == 9) {
                throw new WorkerApi.LeaseLost("lease lost");
            }
        })) {
            for (int i = 0; i < 10; i++) {
                handoff.accept(i);
            }
            assertThrows(WorkerApi.LeaseLost.class, handoff::finish);
        }
    }

    @Test
    void given_a_producer_that_fails_when_the_handoff_is_closed_then_its_consumer_thread_ends() throws Exception {
        AtomicReference<Thread> consumer = new AtomicReference<>();
        Handoff<Integer> handoff = new Handoff<>("test", i -> consumer.set(Thread.currentThread()));
        for (int i = 0; i < Handoff.BATCH; i++) {
            handoff.accept(i);
        }
        while (consumer.get() == null) {
            Thread.sleep(5);
        }
        handoff.close();
        consumer.get().join(5_000);
        assertTrue(!consumer.get().isAlive(), "the consumer thread ended");
    }
}
