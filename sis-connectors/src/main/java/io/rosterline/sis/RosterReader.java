package io.rosterline.sis;

import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a district's roster from one source and streams it, record by record, to a consumer. No implementation keeps
 * a whole collection in memory. Lenient values are recorded as warnings in the {@link ReadReport}; rows that cannot be
 * used are recorded as errors; a source that cannot be read at all raises a {@link SisException}.
 */
public interface RosterReader extends AutoCloseable {

    /**
     * Streams one collection.
     *
     * @param since when not null, only records changed after this instant (a delta read)
     */
    void read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report);

    default ReadReport read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer) {
        ReadReport report = new ReadReport();
        read(collection, since, consumer, report);
        return report;
    }

    /** Streams all six collections in dependency order (orgs first, enrollments last). */
    default ReadReport readAll(Instant since, Consumer<? super RosterRecord> consumer) {
        ReadReport report = new ReadReport();
        for (RosterCollection collection : RosterCollection.values()) {
            read(collection, since, consumer, report);
        }
        return report;
    }

    /** Schools of the district, for the admin to pick from. */
    List<Org> listSchools();

    /** Courses offered by the given schools. */
    List<Course> listCourses(Collection<String> schoolSourcedIds);

    List<AcademicSession> listAcademicSessions();

    @Override
    default void close() {
    }

}
