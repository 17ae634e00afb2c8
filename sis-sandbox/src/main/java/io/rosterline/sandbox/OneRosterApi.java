package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.rosterline.sandbox.Http.HttpError;
import io.rosterline.sandbox.Lister.Candidates;
import io.rosterline.sandbox.Roster.Kind;
import io.rosterline.sandbox.Roster.Overlay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** OneRoster 1.1 (/ims/oneroster/v1p1) and 1.2 (/ims/oneroster/rostering/v1p2) rostering REST endpoints. */
final class OneRosterApi {

    static final String V1P1 = "/ims/oneroster/v1p1";
    static final String V1P2 = "/ims/oneroster/rostering/v1p2";
    static final int DEFAULT_LIMIT = 100;
    /** Enrollment pages up to this many records are sent with a Content-Length; bigger ones stream. */
    static final int BUFFERED_PAGE_RECORDS = 10_000;

    private final Roster roster;
    private final Faults faults;
    private final Lister lister;

    OneRosterApi(Roster roster, Faults faults, Lister lister) {
        this.roster = roster;
        this.faults = faults;
        this.lister = lister;
    }

    /** A resolved request: either a list or a single record. */
    private record Listing(Kind kind, Candidates candidates, String envelope) {
    }

    private record Single(Kind kind, int index) {
    }

    void handle(HttpExchange ex, String prefix, String rest, boolean v12, Faults.Decision fault) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            throw new HttpError(405, "unsupported_method", ex.getRequestMethod() + " is not supported; the rostering API is read-only");
        }
        Overlay o = roster.overlay();
        String[] seg = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        Object target = route(o, seg);
        String hrefBase = Http.origin(ex) + prefix;
        OneRosterJson json = new OneRosterJson(roster, o, v12, hrefBase, faults);
        if (target instanceof Single single) {
            respondSingle(ex, json, single, fault);
        } else {
            respondList(ex, json, o, (Listing) target, prefix + rest, v12, fault);
        }
    }

    // =====================================================================================
    // Routing
    // =====================================================================================

    private Object route(Overlay o, String[] s) {
        District d = roster.d;
        if (s.length == 1) {
            return switch (s[0]) {
                case "orgs" -> list(Kind.ORG, Lister.range(0, d.schools + 1, i -> true), "orgs");
                case "schools" -> list(Kind.ORG, Lister.range(1, d.schools + 1, i -> true), "orgs");
                case "academicSessions" -> list(Kind.SESSION, Lister.range(0, 3, i -> true), "academicSessions");
                case "terms" -> list(Kind.SESSION, Lister.range(1, 3, i -> true), "academicSessions");
                case "gradingPeriods" -> list(Kind.SESSION, Lister.EMPTY, "academicSessions");
                case "courses" -> list(Kind.COURSE, Lister.range(0, roster.courseSpace(o), i -> true), "courses");
                case "classes" -> list(Kind.CLASS, Lister.range(0, d.totalClasses, i -> true), "classes");
                case "users" -> list(Kind.USER, Lister.concat(students(o), teachers()), "users");
                case "students" -> list(Kind.USER, students(o), "users");
                case "teachers" -> list(Kind.USER, teachers(), "users");
                case "enrollments" -> list(Kind.ENROLLMENT,
                        Lister.range(0, roster.enrollmentSpace(o), e -> roster.enrollmentExists(o, e)), "enrollments");
                case "demographics", "resources", "lineItems", "categories", "results" ->
                        throw notFound("this sandbox does not serve " + s[0]);
                default -> throw notFound("unknown endpoint /" + s[0]);
            };
        }
        if (s.length == 2) {
            String id = s[1];
            return switch (s[0]) {
                case "orgs" -> single(Kind.ORG, roster.parse(o, Kind.ORG, id), id);
                case "schools" -> single(Kind.ORG, school(o, id) + 1, id);
                case "academicSessions" -> single(Kind.SESSION, roster.parse(o, Kind.SESSION, id), id);
                case "terms" -> single(Kind.SESSION, term(o, id) + 1, id);
                case "courses" -> single(Kind.COURSE, roster.parse(o, Kind.COURSE, id), id);
                case "classes" -> single(Kind.CLASS, roster.parse(o, Kind.CLASS, id), id);
                case "users" -> single(Kind.USER, roster.parse(o, Kind.USER, id), id);
                case "students" -> single(Kind.USER, student(o, id), id);
                case "teachers" -> single(Kind.USER, teacher(o, id), id);
                case "enrollments" -> single(Kind.ENROLLMENT, roster.parse(o, Kind.ENROLLMENT, id), id);
                default -> throw notFound("unknown endpoint /" + s[0] + "/{id}");
            };
        }
        if (s.length == 3) {
            String id = s[1];
            String sub = s[0] + "/{id}/" + s[2];
            return switch (sub) {
                case "schools/{id}/classes" -> list(Kind.CLASS, schoolClasses(school(o, id)), "classes");
                case "schools/{id}/enrollments" -> list(Kind.ENROLLMENT, schoolEnrollments(o, school(o, id)), "enrollments");
                case "schools/{id}/students" -> list(Kind.USER, schoolStudents(o, school(o, id)), "users");
                case "schools/{id}/teachers" -> list(Kind.USER, schoolTeachers(school(o, id)), "users");
                case "schools/{id}/courses" -> list(Kind.COURSE, schoolCourses(o, school(o, id)), "courses");
                case "schools/{id}/terms" -> {
                    school(o, id);
                    yield list(Kind.SESSION, Lister.range(1, 3, i -> true), "academicSessions");
                }
                case "classes/{id}/students" -> list(Kind.USER, classUsers(o, clazz(o, id), false), "users");
                case "classes/{id}/teachers" -> list(Kind.USER, classUsers(o, clazz(o, id), true), "users");
                case "courses/{id}/classes" -> list(Kind.CLASS, courseClasses(o, course(o, id)), "classes");
                case "terms/{id}/classes" -> list(Kind.CLASS, termClasses(term(o, id)), "classes");
                case "users/{id}/classes" -> list(Kind.CLASS, userClasses(o, user(o, id)), "classes");
                case "students/{id}/classes" -> list(Kind.CLASS, userClasses(o, student(o, id)), "classes");
                case "teachers/{id}/classes" -> list(Kind.CLASS, userClasses(o, teacher(o, id)), "classes");
                default -> throw notFound("unknown endpoint /" + sub);
            };
        }
        if (s.length == 5 && "schools".equals(s[0]) && "classes".equals(s[2])) {
            int school = school(o, s[1]);
            int cls = clazz(o, s[3]);
            if (roster.classSchool(cls) != school) {
                throw notFound("class " + s[3] + " is not taught at school " + s[1]);
            }
            return switch (s[4]) {
                case "enrollments" -> list(Kind.ENROLLMENT, classEnrollments(o, cls), "enrollments");
                case "students" -> list(Kind.USER, classUsers(o, cls, false), "users");
                case "teachers" -> list(Kind.USER, classUsers(o, cls, true), "users");
                default -> throw notFound("unknown endpoint /schools/{id}/classes/{id}/" + s[4]);
            };
        }
        throw notFound("unknown endpoint");
    }

    private static Listing list(Kind kind, Candidates c, String envelope) {
        return new Listing(kind, c, envelope);
    }

    private static Single single(Kind kind, int index, String id) {
        if (index < 0) {
            throw notFound("no " + kind.singular + " with sourcedId " + id);
        }
        return new Single(kind, index);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, "unknownobject", message);
    }

    // ---------- id resolution (404 when absent) ----------

    private int school(Overlay o, String id) {
        int s = roster.parseSchool(o, id);
        if (s < 0) {
            throw notFound("no school with sourcedId " + id);
        }
        return s;
    }

    private int term(Overlay o, String id) {
        int t = roster.parse(o, Kind.SESSION, id);
        if (t < 1) {
            throw notFound("no term with sourcedId " + id);
        }
        return t - 1;
    }

    private int clazz(Overlay o, String id) {
        int c = roster.parse(o, Kind.CLASS, id);
        if (c < 0) {
            throw notFound("no class with sourcedId " + id);
        }
        return c;
    }

    private int course(Overlay o, String id) {
        int c = roster.parse(o, Kind.COURSE, id);
        if (c < 0) {
            throw notFound("no course with sourcedId " + id);
        }
        return c;
    }

    private int user(Overlay o, String id) {
        int u = roster.parse(o, Kind.USER, id);
        if (u < 0) {
            throw notFound("no user with sourcedId " + id);
        }
        return u;
    }

    private int student(Overlay o, String id) {
        int u = roster.parse(o, Kind.USER, id);
        if (u < 0 || roster.isTeacherUser(u)) {
            throw notFound("no student with sourcedId " + id);
        }
        return u;
    }

    private int teacher(Overlay o, String id) {
        int u = roster.parse(o, Kind.USER, id);
        if (u < 0 || !roster.isTeacherUser(u)) {
            throw notFound("no teacher with sourcedId " + id);
        }
        return u;
    }

    // ---------- candidate sets ----------

    Candidates students(Overlay o) {
        return Lister.range(0, roster.studentCount(o), i -> true);
    }

    Candidates teachers() {
        int from = roster.d.maxStudents;
        return Lister.range(from, from + roster.d.totalTeachers, i -> true);
    }

    Candidates schoolClasses(int school) {
        District d = roster.d;
        return Lister.range(d.cohortStart[school] * District.SLOTS, d.cohortStart[school + 1] * District.SLOTS, i -> true);
    }

    /** The school's generated courses, then the ones added by mutations (their ids come after every generated one). */
    Candidates schoolCourses(Overlay o, int school) {
        District d = roster.d;
        return Lister.concat(Lister.range(d.courseStart[school], d.courseStart[school + 1], i -> true),
                Lister.range(d.totalCourses, roster.courseSpace(o), i -> roster.courseSchool(o, i) == school));
    }

    Candidates schoolTeachers(int school) {
        District d = roster.d;
        return Lister.range(d.maxStudents + d.teacherStart[school], d.maxStudents + d.teacherStart[school + 1], i -> true);
    }

    Candidates schoolStudents(Overlay o, int school) {
        District d = roster.d;
        Candidates base = Lister.range(d.studentStart[school], d.studentStart[school + 1], i -> true);
        Candidates added = Lister.range(d.students, roster.studentCount(o), s -> roster.studentSchool(s) == school);
        return Lister.concat(base, added);
    }

    Candidates schoolEnrollments(Overlay o, int school) {
        District d = roster.d;
        int seats = District.SLOTS * District.SEATS;
        Candidates base = Lister.range(d.cohortStart[school] * seats, d.cohortStart[school + 1] * seats,
                e -> roster.enrollmentExists(o, e));
        Candidates added = Lister.range(d.baseEnrollmentSpace, roster.enrollmentSpace(o),
                e -> roster.enrollmentExists(o, e) && roster.enrollmentSchool(o, e) == school);
        return Lister.concat(base, added);
    }

    /** Enrollments of a class: its own seats (minus moved-out), moved-in ones, then added students. */
    Candidates classEnrollments(Overlay o, int cls) {
        District d = roster.d;
        Candidates seats = Lister.range(cls * District.SEATS, (cls + 1) * District.SEATS,
                e -> roster.enrollmentExists(o, e) && roster.enrollmentClass(o, e) == cls);
        int[] movedIn = o.movedInto().getOrDefault(cls, new int[0]);
        int cohort = District.classCohort(cls);
        int slot = District.classSlot(cls);
        Candidates added = Lister.map(
                Lister.range(d.students, roster.studentCount(o), s -> roster.studentCohort(s) == cohort && d.studentLoad(s) > slot),
                s -> d.baseEnrollmentSpace + (s - d.students) * District.SLOTS + slot);
        return Lister.concat(Lister.concat(seats, Lister.of(movedIn)), added);
    }

    Candidates classUsers(Overlay o, int cls, boolean teachers) {
        return Lister.map(classEnrollments(o, cls),
                e -> roster.enrollmentIsTeacher(e) == teachers ? roster.enrollmentUser(o, e) : -1);
    }

    Candidates courseClasses(Overlay o, int course) {
        return Lister.where(schoolClasses(roster.courseSchool(o, course)), c -> roster.classCourse(o, c) == course);
    }

    Candidates termClasses(int term) {
        return Lister.range(0, roster.d.totalClasses, c -> District.slotTerm(District.classSlot(c)) == term);
    }

    Candidates userClasses(Overlay o, int u) {
        District d = roster.d;
        if (roster.isTeacherUser(u)) {
            int t = u - d.maxStudents;
            return Lister.where(schoolClasses(d.schoolOfTeacher(t)), c -> d.classTeacher(c) == t || d.classCoTeacher(c) == t);
        }
        List<Integer> classes = new ArrayList<>();
        if (roster.isAddedStudent(u)) {
            for (int slot = 0; slot < d.studentLoad(u); slot++) {
                classes.add(roster.studentCohort(u) * District.SLOTS + slot);
            }
        } else {
            int cohort = d.baseStudentCohort(u);
            int seat = d.baseStudentSeat(u);
            for (int slot = 0; slot < d.studentLoad(u); slot++) {
                classes.add(roster.enrollmentClass(o, (cohort * District.SLOTS + slot) * District.SEATS + seat));
            }
        }
        return Lister.of(classes.stream().mapToInt(Integer::intValue).toArray());
    }

    // =====================================================================================
    // Responses
    // =====================================================================================

    private void respondSingle(HttpExchange ex, OneRosterJson json, Single single, Faults.Decision fault) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = Http.JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName(single.kind().singular);
            json.write(g, single.kind(), single.index());
            g.writeEndObject();
        }
        byte[] body = buf.toByteArray();
        if (fault.reset()) {
            cutShort(ex, body);
            return;
        }
        Http.bytes(ex, 200, "application/json", body);
    }

    private void respondList(HttpExchange ex, OneRosterJson json, Overlay o, Listing listing, String path, boolean v12,
                             Faults.Decision fault) throws IOException {
        Map<String, String> q = Http.query(ex);
        int limit = Http.intParam(q, "limit", DEFAULT_LIMIT, 1);
        int offset = Http.intParam(q, "offset", 0, 0);
        int cap = faults.maxLimit;
        int pageSize = cap > 0 ? Math.min(limit, cap) : limit;
        int linkLimit = pageSize;
        if (fault.shortPage()) {
            pageSize = Math.max(1, pageSize / 2);
        }
        String filterText = q.get("filter");
        Filter filter;
        try {
            filter = Filter.parse(filterText);
        } catch (Filter.FilterException e) {
            throw new HttpError(400, "invalid_filter_field", e.getMessage());
        }
        IntPredicate matcher = null;
        if (filter != null) {
            for (List<Filter.Predicate> all : filter.anyOf) {
                for (Filter.Predicate p : all) {
                    if (!json.knowsField(listing.kind(), p.field())) {
                        throw new HttpError(400, "invalid_filter_field",
                                "cannot filter " + listing.envelope() + " on field '" + p.field() + "'");
                    }
                }
            }
            OneRosterJson.RecordFields fields = json.new RecordFields();
            Kind kind = listing.kind();
            matcher = i -> filter.matches(fields.at(kind, i));
        }
        String key = (v12 ? "2" : "1") + path + "|" + (filterText == null ? "" : filterText) + "|" + o.version();
        Candidates c = listing.candidates();
        int total = lister.total(key, c, matcher);

        if (!faults.omitCountHeaders) {
            ex.getResponseHeaders().set("X-Total-Count", Integer.toString(total));
            ex.getResponseHeaders().set("Link", links(ex, path, q, offset, pageSize, linkLimit, total));
        }
        int pos = lister.seek(key, offset, c, matcher);
        int size = c.size();
        // The page's records are chosen before anything is written and the cursor is remembered at once, so a
        // client that asks for the next page while this one is still streaming (prefetch) pays O(page), not O(offset).
        int[] page = new int[Math.min(pageSize, 10_000)];
        int emitted = 0;
        for (; pos < size && emitted < pageSize; pos++) {
            int i = c.at(pos);
            if (i >= 0 && (matcher == null || matcher.test(i))) {
                if (emitted == page.length) {
                    page = java.util.Arrays.copyOf(page, page.length * 2);
                }
                page[emitted++] = i;
            }
        }
        lister.remember(key, offset + emitted, pos);
        if (fault.reset()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
            try (JsonGenerator g = Http.JSON.createGenerator(buf, JsonEncoding.UTF8)) {
                writePage(g, json, listing, page, emitted);
            }
            cutShort(ex, buf.toByteArray());
            return;
        }
        if (listing.kind() == Kind.ENROLLMENT && json.enrollmentsAsFragments() && emitted <= BUFFERED_PAGE_RECORDS) {
            // Rendered in memory and sent with a Content-Length: the JDK server cuts a streamed (chunked) body into
            // 4 KB chunks, one socket write and one chunk header each, which cost the server and the client more
            // than rendering the records. A page of 10,000 enrollments is about 5 MB.
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(1024, emitted * 512));
            JsonBytes out = new JsonBytes(buffer, 1 << 16);
            out.raw(JsonBytes.fragment("{\"" + listing.envelope() + "\":["));
            json.enrollments(out, page, emitted);
            out.raw(JsonBytes.fragment("]}"));
            out.flush();
            Http.bytes(ex, 200, "application/json", buffer.toByteArray());
            return;
        }
        if (listing.kind() == Kind.ENROLLMENT && json.enrollmentsAsFragments()) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream body = new java.io.BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
                JsonBytes out = new JsonBytes(body, 1 << 16);
                out.raw(JsonBytes.fragment("{\"" + listing.envelope() + "\":["));
                json.enrollments(out, page, emitted);
                out.raw(JsonBytes.fragment("]}"));
                out.flush();
            }
        } else {
            try (JsonGenerator g = Http.streamJson(ex, 200)) {
                writePage(g, json, listing, page, emitted);
            }
        }
        ex.close();
    }

    private static void writePage(JsonGenerator g, OneRosterJson json, Listing listing, int[] page, int count)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart(listing.envelope());
        for (int k = 0; k < count; k++) {
            json.write(g, listing.kind(), page[k]);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Declares the full length, sends half of the body, then makes the server drop the connection. */
    static void cutShort(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new Http.ConnectionCut();
    }

    /** Link header; {@code step} is how many records this page really holds (less than the limit on a cut-short page). */
    private static String links(HttpExchange ex, String path, Map<String, String> q, int offset, int step, int limit, int total) {
        String base = Http.origin(ex) + path;
        List<String> parts = new ArrayList<>();
        int lastOffset = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if (offset + step < total) {
            parts.add("<" + pageUrl(base, q, limit, offset + step) + ">; rel=\"next\"");
        }
        if (offset > 0) {
            parts.add("<" + pageUrl(base, q, limit, Math.max(0, offset - limit)) + ">; rel=\"prev\"");
        }
        parts.add("<" + pageUrl(base, q, limit, 0) + ">; rel=\"first\"");
        parts.add("<" + pageUrl(base, q, limit, lastOffset) + ">; rel=\"last\"");
        return String.join(", ", parts);
    }

    private static String pageUrl(String base, Map<String, String> q, int limit, int offset) {
        StringBuilder b = new StringBuilder(base).append("?limit=").append(limit).append("&offset=").append(offset);
        for (Map.Entry<String, String> e : q.entrySet()) {
            if (!"limit".equals(e.getKey()) && !"offset".equals(e.getKey())) {
                b.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            }
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
