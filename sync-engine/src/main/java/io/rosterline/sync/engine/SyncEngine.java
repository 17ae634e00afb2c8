package io.rosterline.sync.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.oneroster.Endpoint;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import io.rosterline.sync.engine.WorkerApi.Chunk;
import io.rosterline.sync.engine.WorkerApi.Claim;
import io.rosterline.sync.engine.WorkerApi.Progress;
import io.rosterline.sync.engine.WorkerApi.RunSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One run in the worker: read the selected schools and courses through the connector, hash every record, compare
 * with the district's current digest from roster-api and post only the differences (upserts, then deletions) in
 * chunks with stable ids, so a retried chunk changes nothing twice. The heap stays the same whatever the district's
 * size: records stream through, and the digests and the ids of the selected classes and their people are kept outside
 * it, in memory-mapped tables of 16 bytes an id ({@link SourcedIdTable}).
 *
 * <p>Order: orgs, sessions, courses, classes, enrollments, users; enrollments are read before users so that only
 * people enrolled in a selected class are synced. The courses of the selected schools are reported to roster-api
 * before they are synced; it answers which are included (the admin's choices and course rules, evaluated in one
 * place), so a course that is new in the SIS is decided by the rules in the same run.
 */
public final class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(int chunkSize, Duration heartbeatEvery) {
        public static Settings defaults() {
            return new Settings(5000, Duration.ofSeconds(20));
        }
    }

    /** What a run did, for the command's output and exit code. */
    public record Outcome(Claim claim, boolean succeeded, String error, Map<String, long[]> sentPerCollection, long millis) {
    }

    private static final RosterCollection[] ORDER = {RosterCollection.ORGS, RosterCollection.ACADEMIC_SESSIONS,
            RosterCollection.COURSES, RosterCollection.CLASSES, RosterCollection.ENROLLMENTS, RosterCollection.USERS};

    /** Chunks in flight at once, and how many more may wait buffered behind them. */
    private static final int POSTERS = 2;
    private static final int QUEUED_CHUNKS = 1;

    private final WorkerApi api;
    private final Settings settings;

    public SyncEngine(WorkerApi api, Settings settings) {
        this.api = api;
        this.settings = settings;
    }

    /** Claims and runs due work until none is left; returns each run's outcome. */
    public List<Outcome> runAllDue(String workerId) {
        List<Outcome> outcomes = new ArrayList<>();
        while (true) {
            var claim = api.claim(workerId);
            if (claim.isEmpty()) {
                return outcomes;
            }
            outcomes.add(run(claim.get()));
        }
    }

    public Outcome run(Claim claim) {
        long started = System.nanoTime();
        Map<String, long[]> sent = new LinkedHashMap<>();
        RunState state = new RunState();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat-" + claim.runId()));
        // Two chunks are posted at a time: roster-api writes each in its own transaction (the run is only share-locked),
        // so one chunk's INSERT overlaps the next one's JSON on either side instead of the reader waiting on one pipe.
        ExecutorService poster = Executors.newFixedThreadPool(POSTERS, r -> daemon(r, "poster-" + claim.runId()));
        // The current digests are fetched ahead, one collection after the other, while the source is being read: a
        // collection's digest is ready when its turn comes instead of the read waiting for it (a million enrollments
        // take seconds to stream). They are compact (16 bytes a record), so holding them a little early costs little.
        ExecutorService digests = Executors.newSingleThreadExecutor(r -> daemon(r, "digests-" + claim.runId()));
        Map<RosterCollection, Future<SourcedIdTable>> prefetched = new LinkedHashMap<>();
        if (claim.useDigest()) {
            for (RosterCollection collection : ORDER) {
                prefetched.put(collection, digests.submit(() -> {
                    SourcedIdTable digest = new SourcedIdTable(1024);
                    readDigest(claim, collection.oneRosterName(), (id, hash) -> digest.put(SourcedIdTable.keyOf(id), hash));
                    return digest;
                }));
            }
        }
        long every = settings.heartbeatEvery().toMillis();
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                api.heartbeat(claim, state.progress());
            } catch (WorkerApi.LeaseLost e) {
                state.leaseLost.set(e);
            } catch (RuntimeException e) {
                LOG.warning("Heartbeat for run " + claim.runId() + " failed: " + e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            RunSource source = api.source(claim);
            ReadReport report = new ReadReport();
            state.phase("fetching the source", null, null);
            try (RosterReader reader = SourceReaders.open(source.platform(), source.settings(), () -> api.archive(claim));
                 Selection selection = new Selection(source)) {
                for (RosterCollection collection : ORDER) {
                    Consumer<Consumer<RosterRecord>> records;
                    if (collection == RosterCollection.COURSES) {
                        // roster-api decides which courses are in (choices and course rules), also for courses new in the SIS.
                        List<Course> courses = readCourses(reader, selection, report);
                        selection.courses = new HashSet<>(api.includedCourses(claim,
                                courses.stream().map(RecordRows::courseRow).toList()));
                        records = consumer -> courses.forEach(consumer);
                    } else {
                        records = consumer -> readScoped(reader, collection, selection, consumer, report);
                    }
                    // A collection's digest is dropped once it is synced (remove: the map holds no table it is done with).
                    sent.put(collection.oneRosterName(), syncCollection(claim, collection, records, selection, state, poster,
                            prefetched.remove(collection)));
                }
            }
            state.check();
            state.phase("complete", null, null);
            // The periodic heartbeat stops first: one still in flight must not land after the final one and report an
            // earlier phase as the run's last.
            stopHeartbeats(heartbeat);
            api.heartbeat(claim, state.progress());
            api.complete(claim, reportSummary(report));
            return new Outcome(claim, true, null, sent, (System.nanoTime() - started) / 1_000_000);
        } catch (WorkerApi.LeaseLost e) {
            LOG.warning("Run " + claim.runId() + " was taken away from this worker: " + e.getMessage());
            return new Outcome(claim, false, e.getMessage(), sent, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warning("Run " + claim.runId() + " failed: " + message);
            try {
                if (state.leaseLost.get() == null) {
                    api.fail(claim, message);
                }
            } catch (RuntimeException reportFailure) {
                LOG.warning("Could not report the failure of run " + claim.runId() + ": " + reportFailure.getMessage());
            }
            return new Outcome(claim, false, message, sent, (System.nanoTime() - started) / 1_000_000);
        } finally {
            heartbeat.shutdownNow();
            poster.shutdownNow();
            digests.shutdownNow();
        }
    }

    /**
     * Which records belong to the run: the selected schools and courses (the admin's choices, a few thousand at most),
     * and their classes and the people enrolled in them, which grow with the district and are kept off the heap.
     */
    private static final class Selection implements AutoCloseable {
        final Set<String> schools;
        Set<String> courses;
        final SourcedIdTable classes = new SourcedIdTable(1024);
        final SourcedIdTable people = new SourcedIdTable(1024);

        Selection(RunSource source) {
            schools = new HashSet<>(source.schoolSourcedIds());
            courses = new HashSet<>(source.courseSourcedIds());
        }

        /** Called once the collections are synced: no thread uses the tables any more. */
        @Override
        public void close() {
            classes.close();
            people.close();
        }
    }

    /** The courses of the run's schools, as the source has them now (a few thousand at most). */
    private static List<Course> readCourses(RosterReader reader, Selection selection, ReadReport report) {
        List<Course> courses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        readScoped(reader, RosterCollection.COURSES, selection, record -> {
            Course course = (Course) record;
            if (selection.schools.contains(course.orgSourcedId()) && seen.add(course.sourcedId())) {
                courses.add(course);
            }
        }, report);
        return courses;
    }

    private long[] syncCollection(Claim claim, RosterCollection collection, Consumer<Consumer<RosterRecord>> records,
                                  Selection selection, RunState state, ExecutorService poster, Future<SourcedIdTable> prefetchedDigest) {
        state.check();
        String name = collection.oneRosterName();
        SourcedIdTable digest = prefetchedDigest == null ? new SourcedIdTable(16) : await(prefetchedDigest);
        long expected = digest.size();
        state.phase(name, 0L, expected == 0 ? null : expected);
        ChunkSender sender = new ChunkSender(claim, name, poster, state);
        AtomicLong read = new AtomicLong();
        // Small collections may list one record more than once (PowerSchool lists the district's terms under every
        // school); a chunk must not hold one sourcedId twice, so each is sent once.
        SourcedIdTable once = collection == RosterCollection.USERS || collection == RosterCollection.ENROLLMENTS ? null : new SourcedIdTable(1024);
        Consumer<RosterRecord> onRecord = record -> {
            if (!selected(record, selection) || (once != null && !once.add(SourcedIdTable.keyOf(record.sourcedId())))) {
                return;
            }
            long n = read.incrementAndGet();
            if ((n & 1023) == 0) {
                state.done(n);
                state.check();
            }
            Map<String, Object> row = RecordRows.row(record);
            long hash = RecordRows.hash(row);
            if (!digest.markSeenAndCompare(SourcedIdTable.keyOf(record.sourcedId()), hash)) {
                row.put("hash", Long.toHexString(hash));
                sender.upsert(row);
            }
        };
        // The connector parses on this thread; comparing and chunking happen on the handoff's, in the same order.
        try (Handoff<RosterRecord> handoff = new Handoff<>("compare-" + name + "-" + claim.runId(), onRecord)) {
            records.accept(handoff);
            handoff.finish();
        }
        state.done(read.get());
        if (once != null) {
            once.close();
        }
        // Second pass over the digest: whatever the source no longer has is deleted. The table keeps only the ids'
        // keys, so the ids themselves are streamed again, unless every one of them was seen (most nights).
        if (claim.useDigest() && digest.size() > 0 && digest.seenCount() < digest.size()) {
            readDigest(claim, name, (id, hash) -> {
                if (!digest.wasSeen(SourcedIdTable.keyOf(id))) {
                    sender.delete(id);
                }
            });
        }
        digest.close();
        sender.finish();
        state.phaseDone(name, read.get());
        return new long[]{read.get(), sender.upserts, sender.deletes};
    }

    private static boolean selected(RosterRecord record, Selection s) {
        if (record instanceof Org org) {
            return s.schools.contains(org.sourcedId());
        }
        if (record instanceof Course course) {
            return s.courses.contains(course.sourcedId());
        }
        if (record instanceof RosterClass k) {
            boolean in = s.courses.contains(k.courseSourcedId()) && (k.schoolSourcedId() == null || s.schools.contains(k.schoolSourcedId()));
            if (in) {
                s.classes.add(SourcedIdTable.keyOf(k.sourcedId()));
            }
            return in;
        }
        if (record instanceof Enrollment e) {
            boolean in = e.classSourcedId() != null && s.classes.contains(SourcedIdTable.keyOf(e.classSourcedId()));
            if (in && e.userSourcedId() != null) {
                s.people.add(SourcedIdTable.keyOf(e.userSourcedId()));
            }
            return in;
        }
        if (record instanceof io.rosterline.sis.model.User u) {
            return s.people.contains(SourcedIdTable.keyOf(u.sourcedId()));
        }
        return true;
    }

    /** Reads per selected school where OneRoster allows it, so unselected schools are never downloaded. */
    private static void readScoped(RosterReader reader, RosterCollection collection, Selection selection,
                                   Consumer<RosterRecord> consumer, ReadReport report) {
        if (reader instanceof OneRosterRestReader rest) {
            switch (collection) {
                case ORGS -> rest.read(Endpoint.schools(), null, consumer, report);
                case COURSES -> selection.schools.stream().sorted()
                        .forEach(s -> rest.read(Endpoint.coursesOfSchool(s), null, consumer, report));
                case CLASSES -> selection.schools.stream().sorted()
                        .forEach(s -> rest.read(Endpoint.classesOfSchool(s), null, consumer, report));
                case ENROLLMENTS -> selection.schools.stream().sorted()
                        .forEach(s -> rest.read(Endpoint.enrollmentsOfSchool(s), null, consumer, report));
                default -> rest.read(collection, null, consumer, report);
            }
        } else {
            reader.read(collection, null, consumer, report);
        }
    }

    private static SourcedIdTable await(Future<SourcedIdTable> digest) {
        try {
            return digest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the current digest", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void readDigest(Claim claim, String collection, DigestConsumer consumer) {
        try (InputStream in = api.digest(claim, collection); JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                long hash = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("s".equals(field)) {
                        id = p.getText();
                    } else if ("h".equals(field)) {
                        hash = Long.parseUnsignedLong(p.getText(), 16);
                    } else {
                        p.skipChildren();
                    }
                }
                if (id != null) {
                    consumer.accept(id, hash);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading the current digest of " + collection + " from roster-api broke: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface DigestConsumer {
        void accept(String sourcedId, long hash);
    }

    /** Buffers rows into chunks and posts them on {@link #POSTERS} background threads, a few chunks ahead of the reader at most. */
    private final class ChunkSender {
        private final Claim claim;
        private final String collection;
        private final ExecutorService poster;
        private final RunState state;
        private final List<Future<?>> inFlight = new ArrayList<>();
        private List<Map<String, Object>> upsertBuffer = new ArrayList<>();
        private List<String> deleteBuffer = new ArrayList<>();
        private int sequence;
        long upserts;
        long deletes;

        ChunkSender(Claim claim, String collection, ExecutorService poster, RunState state) {
            this.claim = claim;
            this.collection = collection;
            this.poster = poster;
            this.state = state;
        }

        void upsert(Map<String, Object> row) {
            upsertBuffer.add(row);
            upserts++;
            if (upsertBuffer.size() >= settings.chunkSize()) {
                flush();
            }
        }

        void delete(String sourcedId) {
            deleteBuffer.add(sourcedId);
            deletes++;
            if (deleteBuffer.size() >= settings.chunkSize() * 4) {
                flush();
            }
        }

        void flush() {
            if (upsertBuffer.isEmpty() && deleteBuffer.isEmpty()) {
                return;
            }
            Chunk chunk = new Chunk(collection + "-" + String.format("%05d", sequence++), collection, upsertBuffer, deleteBuffer);
            upsertBuffer = new ArrayList<>();
            deleteBuffer = new ArrayList<>();
            while (inFlight.size() >= POSTERS + QUEUED_CHUNKS) {
                await(inFlight.remove(0));
            }
            inFlight.add(poster.submit(() -> api.postChunk(claim, chunk)));
        }

        void finish() {
            flush();
            while (!inFlight.isEmpty()) {
                await(inFlight.remove(0));
            }
        }

        private void await(Future<?> future) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting chunks", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
            state.check();
        }
    }

    /** Progress shared with the heartbeat thread. */
    private static final class RunState {
        final AtomicReference<WorkerApi.LeaseLost> leaseLost = new AtomicReference<>();
        private volatile String phase = "starting";
        private volatile Long done;
        private volatile Long total;
        private volatile long phaseStarted = System.nanoTime();
        private final List<Map<String, Object>> phases = new java.util.concurrent.CopyOnWriteArrayList<>();

        void phase(String name, Long done, Long total) {
            this.phase = name;
            this.done = done;
            this.total = total;
            this.phaseStarted = System.nanoTime();
        }

        void done(long n) {
            done = n;
        }

        void phaseDone(String name, long count) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("done", count);
            p.put("seconds", Math.round((System.nanoTime() - phaseStarted) / 1e7) / 100.0);
            phases.add(p);
        }

        Progress progress() {
            Long t = total == null ? null : Math.max(total, done == null ? 0 : done);
            return new Progress(phase, done, t, List.copyOf(phases));
        }

        void check() {
            WorkerApi.LeaseLost lost = leaseLost.get();
            if (lost != null) {
                throw lost;
            }
        }
    }

    private static void stopHeartbeats(ScheduledExecutorService heartbeat) {
        heartbeat.shutdown();
        try {
            if (!heartbeat.awaitTermination(30, TimeUnit.SECONDS)) {
                heartbeat.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the heartbeat", e);
        }
    }

    private static Map<String, Object> reportSummary(ReadReport report) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        report.counts().forEach((k, v) -> counts.put(k.oneRosterName(), v));
        summary.put("read", counts);
        summary.put("warnings", report.warningCount());
        summary.put("errors", report.errorCount());
        summary.put("firstWarnings", report.firstWarnings().stream().map(Object::toString).toList());
        summary.put("firstErrors", report.errors().stream().limit(20).toList());
        return summary;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
