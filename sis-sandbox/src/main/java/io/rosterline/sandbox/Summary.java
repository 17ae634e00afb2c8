package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rosterline.sandbox.Lister.Candidates;
import io.rosterline.sandbox.Roster.Kind;
import io.rosterline.sandbox.Roster.Overlay;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expected counts per OneRoster collection for the current roster state: what a correct full sync of the
 * REST API must end up with. {@code total} counts every record the REST API lists (including tobedeleted),
 * {@code active} the ones a bulk CSV export contains.
 */
public record Summary(long version, Map<String, Count> collections) {

    public record Count(int total, int active, int tobedeleted) {
    }

    public Count get(String collection) {
        return collections.get(collection);
    }

    static Summary of(Roster roster, OneRosterApi api) {
        Overlay o = roster.overlay();
        District d = roster.d;
        Map<String, Count> m = new LinkedHashMap<>();
        m.put("orgs", count(roster, o, Kind.ORG, Lister.range(0, d.schools + 1, i -> true)));
        m.put("schools", count(roster, o, Kind.ORG, Lister.range(1, d.schools + 1, i -> true)));
        m.put("academicSessions", count(roster, o, Kind.SESSION, Lister.range(0, 3, i -> true)));
        m.put("terms", count(roster, o, Kind.SESSION, Lister.range(1, 3, i -> true)));
        m.put("courses", count(roster, o, Kind.COURSE, Lister.range(0, roster.courseSpace(o), i -> true)));
        m.put("classes", count(roster, o, Kind.CLASS, Lister.range(0, d.totalClasses, i -> true)));
        Count students = count(roster, o, Kind.USER, api.students(o));
        Count teachers = count(roster, o, Kind.USER, api.teachers());
        m.put("users", new Count(students.total() + teachers.total(), students.active() + teachers.active(),
                students.tobedeleted() + teachers.tobedeleted()));
        m.put("students", students);
        m.put("teachers", teachers);
        m.put("enrollments", count(roster, o, Kind.ENROLLMENT,
                Lister.range(0, roster.enrollmentSpace(o), e -> roster.enrollmentExists(o, e))));
        return new Summary(o.version(), m);
    }

    private static Count count(Roster r, Overlay o, Kind k, Candidates c) {
        int total = 0;
        int active = 0;
        for (int pos = 0; pos < c.size(); pos++) {
            int i = c.at(pos);
            if (i < 0) {
                continue;
            }
            total++;
            if (r.droppedAt(o, k, i) == 0) {
                active++;
            }
        }
        return new Count(total, active, total - active);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", version);
        g.writeObjectFieldStart("collections");
        for (Map.Entry<String, Count> e : collections.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("total", e.getValue().total());
            g.writeNumberField("active", e.getValue().active());
            g.writeNumberField("tobedeleted", e.getValue().tobedeleted());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
