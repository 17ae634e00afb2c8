package io.rosterline.sis;

import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A reader of a file spooled to a temporary path (a CSV zip read from the database or from roster-api), which deletes
 * the file when it closes, so uploads never pile up on a pod's disk.
 */
public record SpooledFileReader(RosterReader reader, Path file) implements RosterReader {

    @Override
    public void read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report) {
        reader.read(collection, since, consumer, report);
    }

    @Override
    public List<Org> listSchools() {
        return reader.listSchools();
    }

    @Override
    public List<Course> listCourses(Collection<String> schoolSourcedIds) {
        return reader.listCourses(schoolSourcedIds);
    }

    @Override
    public List<AcademicSession> listAcademicSessions() {
        return reader.listAcademicSessions();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } finally {
            delete(file);
        }
    }

    /** Deletes a spooled file, quietly: the temporary directory is cleaned by the system anyway. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
