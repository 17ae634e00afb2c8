package io.rosterline.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The district as it is right now: the generated {@link District} plus mutation overlays.
 * Mutations are stored as rules (drop x% of students by hash, drop a school, add a block of students)
 * and a small map of moved enrollments, so memory stays proportional to the mutations, not the roster.
 *
 * <p>Index spaces per collection:
 * <ul>
 * <li>orgs: 0 = district, 1..schools = schools</li>
 * <li>academicSessions: 0 = school year, 1 = first term, 2 = second term</li>
 * <li>users: students at [0, maxStudents) (base then added), teachers at maxStudents + t</li>
 * <li>enrollments: base [0, classes*27), added students' seats from there: base + (s - students) * 8 + slot</li>
 * </ul>
 */
public final class Roster {

    public enum Kind {
        ORG("orgs", "org", "dst-/sch-"),
        SESSION("academicSessions", "academicSession", "as-"),
        COURSE("courses", "course", "crs-"),
        CLASS("classes", "class", "cls-"),
        USER("users", "user", "stu-/tch-"),
        ENROLLMENT("enrollments", "enrollment", "enr-");

        public final String plural;
        public final String singular;
        final String idPrefixes;

        Kind(String plural, String singular, String idPrefixes) {
            this.plural = plural;
            this.singular = singular;
            this.idPrefixes = idPrefixes;
        }
    }

    /** One "drop x% of students" rule: a student is dropped when its hash under the salt falls below the threshold. */
    record DropRule(long salt, int basisPoints, long at) {
    }

    /** A block of students added by a mutation: student indices [start, start + count). */
    record AddedBlock(int start, int count, long at) {
    }

    record Move(int toClass, long at) {
    }

    /**
     * A course added by a mutation: index {@code index} (after the generated ones) at the school of {@code from}; every
     * class of {@code from} now belongs to it (the district re-scheduled that course's sections as the new course).
     */
    record AddedCourse(int index, int from, int school, String title, String code, String subject, long at) {
    }

    /** Immutable overlay snapshot; mutations swap in a new one (copy-on-write of small structures). */
    record Overlay(long version, List<DropRule> dropRules, long[] schoolDroppedAt, List<AddedBlock> added, int addedCount,
                   Map<Integer, Move> moves, Map<Integer, int[]> movedInto, long lastChange, List<AddedCourse> addedCourses) {
    }

    public final District d;
    private volatile Overlay overlay;
    private final Map<Long, String> isoCache = new ConcurrentHashMap<>();
    final String baseModifiedIso;
    final String[] firstLower;
    final String[] lastLower;

    public Roster(District district) {
        this.d = district;
        this.baseModifiedIso = Iso.instant(district.baseModified.toEpochMilli());
        this.firstLower = Arrays.stream(Names.FIRST).map(Roster::emailSafe).toArray(String[]::new);
        this.lastLower = Arrays.stream(Names.LAST).map(Roster::emailSafe).toArray(String[]::new);
        reset();
    }

    private static String emailSafe(String name) {
        return name.toLowerCase().replaceAll("[^a-z]", "");
    }

    public void reset() {
        overlay = new Overlay(overlay == null ? 0 : overlay.version() + 1, List.of(), new long[d.schools], List.of(), 0,
                Map.of(), Map.of(), d.baseModified.toEpochMilli(), List.of());
    }

    Overlay overlay() {
        return overlay;
    }

    public long version() {
        return overlay.version();
    }

    String iso(long epochMillis) {
        if (epochMillis == d.baseModified.toEpochMilli()) {
            return baseModifiedIso;
        }
        String s = isoCache.get(epochMillis);
        if (s == null) {
            s = Iso.instant(epochMillis);
            if (isoCache.size() < 10_000) {
                isoCache.put(epochMillis, s);
            }
        }
        return s;
    }

    // =====================================================================================
    // Mutations (synchronized: they are rare; readers see a consistent snapshot)
    // =====================================================================================

    private long changeTime(Instant at, Overlay o) {
        long t = at != null ? at.toEpochMilli() : System.currentTimeMillis();
        // strictly after everything before, so a delta "since the last change" always sees it
        return Math.max(t, o.lastChange() + 1);
    }

    /** Marks about {@code percent}% of the currently active students as to-be-deleted; returns how many. */
    public synchronized MutationResult dropStudents(double percent, Instant at) {
        Overlay o = overlay;
        long t = changeTime(at, o);
        int bp = (int) Math.round(Math.max(0, Math.min(100, percent)) * 100);
        List<DropRule> rules = new ArrayList<>(o.dropRules());
        DropRule rule = new DropRule(o.version() * 7919 + rules.size() + 1, bp, t);
        int affected = 0;
        int total = d.students + o.addedCount();
        for (int s = 0; s < total; s++) {
            if (studentDroppedAt(o, s) == 0 && ruleHits(rule, s)) {
                affected++;
            }
        }
        rules.add(rule);
        overlay = new Overlay(o.version() + 1, List.copyOf(rules), o.schoolDroppedAt(), o.added(), o.addedCount(),
                o.moves(), o.movedInto(), t, o.addedCourses());
        return new MutationResult("dropStudents", affected, Iso.instant(t), o.version() + 1);
    }

    private boolean ruleHits(DropRule rule, int student) {
        return Long.remainderUnsigned(District.mix(d.seed, rule.salt(), student), 10_000) < rule.basisPoints();
    }

    /** Adds {@code count} students, each enrolled in 6-8 classes of one school. */
    public synchronized MutationResult addStudents(int count, Instant at) {
        Overlay o = overlay;
        long t = changeTime(at, o);
        int room = d.maxStudents - d.students - o.addedCount();
        int n = Math.max(0, Math.min(count, room));
        List<AddedBlock> added = new ArrayList<>(o.added());
        added.add(new AddedBlock(d.students + o.addedCount(), n, t));
        overlay = new Overlay(o.version() + 1, o.dropRules(), o.schoolDroppedAt(), List.copyOf(added), o.addedCount() + n,
                o.moves(), o.movedInto(), t, o.addedCourses());
        return new MutationResult("addStudents", n, Iso.instant(t), o.version() + 1);
    }

    /** Moves {@code count} active student enrollments to the same-subject class of another cohort in their school. */
    public synchronized MutationResult moveEnrollments(int count, Instant at) {
        Overlay o = overlay;
        long t = changeTime(at, o);
        Map<Integer, Move> moves = new HashMap<>(o.moves());
        Map<Integer, List<Integer>> into = new HashMap<>();
        o.movedInto().forEach((k, v) -> {
            List<Integer> l = new ArrayList<>();
            for (int e : v) {
                l.add(e);
            }
            into.put(k, l);
        });
        int moved = 0;
        int space = d.baseEnrollmentSpace;
        // walk the base enrollment space from a version-dependent start with a stride coprime to the space
        long start = Long.remainderUnsigned(District.mix(d.seed, 41, o.version()), space);
        long stride = 7919L * District.SEATS + 1;
        while (gcd(stride, space) != 1) {
            stride++;
        }
        for (long k = 0; k < space && moved < count; k++) {
            int e = (int) ((start + k * stride) % space);
            int seat = e % District.SEATS;
            if (seat >= District.TEACHER_SEAT || moves.containsKey(e)) {
                continue;
            }
            int cls = e / District.SEATS;
            int student = d.seatStudent(cls, seat);
            if (student < 0 || !enrollmentActive(o, e)) {
                continue;
            }
            int cohort = District.classCohort(cls);
            int school = d.schoolOfCohort(cohort);
            int cohorts = d.schoolCohorts(school);
            if (cohorts < 2) {
                continue;
            }
            int local = cohort - d.cohortStart[school];
            int target = (d.cohortStart[school] + (local + 1) % cohorts) * District.SLOTS + District.classSlot(cls);
            moves.put(e, new Move(target, t));
            into.computeIfAbsent(target, x -> new ArrayList<>()).add(e);
            moved++;
        }
        Map<Integer, int[]> intoArrays = new HashMap<>();
        into.forEach((k, v) -> intoArrays.put(k, v.stream().mapToInt(Integer::intValue).sorted().toArray()));
        overlay = new Overlay(o.version() + 1, o.dropRules(), o.schoolDroppedAt(), o.added(), o.addedCount(),
                Map.copyOf(moves), Map.copyOf(intoArrays), t, o.addedCourses());
        return new MutationResult("moveEnrollments", moved, Iso.instant(t), o.version() + 1);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Marks a whole school (its courses, classes, teachers, students and enrollments) as to-be-deleted. */
    public synchronized MutationResult dropSchool(int school, Instant at) {
        if (school < 0 || school >= d.schools) {
            throw new IllegalArgumentException("no such school index " + school);
        }
        Overlay o = overlay;
        long t = changeTime(at, o);
        long[] dropped = o.schoolDroppedAt().clone();
        int affected = dropped[school] == 0 ? 1 : 0;
        if (dropped[school] == 0) {
            dropped[school] = t;
        }
        overlay = new Overlay(o.version() + 1, o.dropRules(), dropped, o.added(), o.addedCount(), o.moves(), o.movedInto(), t,
                o.addedCourses());
        return new MutationResult("dropSchool", affected, Iso.instant(t), o.version() + 1);
    }

    /**
     * Adds a course at the school of course {@code from} and moves every class of {@code from} into it, as when a
     * district re-schedules a course's sections under a new course. The classes keep their ids, rosters and terms; their
     * course reference and dateLastModified change.
     */
    public synchronized MutationResult addCourse(String from, String title, String code, String subject, Instant at) {
        Overlay o = overlay;
        int source = parse(o, Kind.COURSE, from);
        if (source < 0) {
            throw new IllegalArgumentException("no course with sourcedId " + from);
        }
        if (title == null || title.isBlank() || code == null || code.isBlank()) {
            throw new IllegalArgumentException("a new course needs a title and a courseCode");
        }
        long t = changeTime(at, o);
        List<AddedCourse> courses = new ArrayList<>(o.addedCourses());
        courses.add(new AddedCourse(courseSpace(o), source, courseSchool(o, source), title.trim(), code.trim(),
                subject == null || subject.isBlank() ? courseSubject(o, source) : subject.trim(), t));
        overlay = new Overlay(o.version() + 1, o.dropRules(), o.schoolDroppedAt(), o.added(), o.addedCount(), o.moves(),
                o.movedInto(), t, List.copyOf(courses));
        return new MutationResult("addCourse", 1, Iso.instant(t), o.version() + 1);
    }

    public record MutationResult(String mutation, int affected, String dateLastModified, long version) {
    }

    // =====================================================================================
    // Students
    // =====================================================================================

    int studentCount(Overlay o) {
        return d.students + o.addedCount();
    }

    boolean isAddedStudent(int s) {
        return s >= d.students;
    }

    long addedAt(Overlay o, int s) {
        for (AddedBlock b : o.added()) {
            if (s >= b.start() && s < b.start() + b.count()) {
                return b.at();
            }
        }
        return d.baseModified.toEpochMilli();
    }

    int studentSchool(int s) {
        return isAddedStudent(s) ? d.pick(21, s, d.schools) : d.schoolOfBaseStudent(s);
    }

    int studentCohort(int s) {
        if (isAddedStudent(s)) {
            int school = studentSchool(s);
            return d.cohortStart[school] + d.pick(22, s, d.schoolCohorts(school));
        }
        return d.baseStudentCohort(s);
    }

    /** Time the student became to-be-deleted, or 0 if active. */
    long studentDroppedAt(Overlay o, int s) {
        long at = o.schoolDroppedAt()[studentSchool(s)];
        for (DropRule r : o.dropRules()) {
            if ((at == 0 || r.at() < at) && ruleHits(r, s)) {
                at = r.at();
            }
        }
        return at;
    }

    long studentModified(Overlay o, int s) {
        long dropped = studentDroppedAt(o, s);
        return dropped != 0 ? dropped : isAddedStudent(s) ? addedAt(o, s) : d.baseModified.toEpochMilli();
    }

    // =====================================================================================
    // Teachers
    // =====================================================================================

    int teacherUser(int t) {
        return d.maxStudents + t;
    }

    boolean isTeacherUser(int user) {
        return user >= d.maxStudents;
    }

    long teacherDroppedAt(Overlay o, int t) {
        return o.schoolDroppedAt()[d.schoolOfTeacher(t)];
    }

    // =====================================================================================
    // Users (students + teachers)
    // =====================================================================================

    boolean userExists(Overlay o, int u) {
        if (u < 0) {
            return false;
        }
        if (isTeacherUser(u)) {
            return u - d.maxStudents < d.totalTeachers;
        }
        return u < studentCount(o);
    }

    long userDroppedAt(Overlay o, int u) {
        return isTeacherUser(u) ? teacherDroppedAt(o, u - d.maxStudents) : studentDroppedAt(o, u);
    }

    long userModified(Overlay o, int u) {
        if (isTeacherUser(u)) {
            long dr = teacherDroppedAt(o, u - d.maxStudents);
            return dr != 0 ? dr : d.baseModified.toEpochMilli();
        }
        return studentModified(o, u);
    }

    int userSchool(int u) {
        return isTeacherUser(u) ? d.schoolOfTeacher(u - d.maxStudents) : studentSchool(u);
    }

    // =====================================================================================
    // Enrollments
    // =====================================================================================

    int enrollmentSpace(Overlay o) {
        return d.baseEnrollmentSpace + o.addedCount() * District.SLOTS;
    }

    boolean isAddedEnrollment(int e) {
        return e >= d.baseEnrollmentSpace;
    }

    /** User index of the enrollment, or -1 when the index is an empty seat. */
    int enrollmentUser(Overlay o, int e) {
        if (e < 0) {
            return -1;
        }
        if (isAddedEnrollment(e)) {
            int rel = e - d.baseEnrollmentSpace;
            int s = d.students + rel / District.SLOTS;
            if (s >= studentCount(o)) {
                return -1;
            }
            return d.studentLoad(s) > rel % District.SLOTS ? s : -1;
        }
        int cls = e / District.SEATS;
        int seat = e % District.SEATS;
        if (seat == District.TEACHER_SEAT) {
            return teacherUser(d.classTeacher(cls));
        }
        if (seat == District.TEACHER_SEAT + 1) {
            int co = d.classCoTeacher(cls);
            return co < 0 ? -1 : teacherUser(co);
        }
        return d.seatStudent(cls, seat);
    }

    boolean enrollmentExists(Overlay o, int e) {
        return e >= 0 && e < enrollmentSpace(o) && enrollmentUser(o, e) >= 0;
    }

    /** Current class of an existing enrollment (moves applied). */
    int enrollmentClass(Overlay o, int e) {
        if (isAddedEnrollment(e)) {
            int rel = e - d.baseEnrollmentSpace;
            int s = d.students + rel / District.SLOTS;
            return studentCohort(s) * District.SLOTS + rel % District.SLOTS;
        }
        if (!o.moves().isEmpty()) {
            Move m = o.moves().get(e);
            if (m != null) {
                return m.toClass();
            }
        }
        return e / District.SEATS;
    }

    boolean enrollmentIsTeacher(int e) {
        return !isAddedEnrollment(e) && e % District.SEATS >= District.TEACHER_SEAT;
    }

    boolean enrollmentIsPrimary(int e) {
        return !isAddedEnrollment(e) && e % District.SEATS == District.TEACHER_SEAT;
    }

    long enrollmentDroppedAt(Overlay o, int e) {
        return enrollmentDroppedAt(o, e, enrollmentUser(o, e), enrollmentClass(o, e));
    }

    /** Same as {@link #enrollmentDroppedAt(Overlay, int)} with user and class already known (hot path). */
    long enrollmentDroppedAt(Overlay o, int e, int u, int cls) {
        long at = userDroppedAt(o, u);
        long schoolAt = o.schoolDroppedAt()[d.schoolOfCohort(District.classCohort(cls))];
        if (schoolAt != 0 && (at == 0 || schoolAt < at)) {
            at = schoolAt;
        }
        return at;
    }

    boolean enrollmentActive(Overlay o, int e) {
        return enrollmentDroppedAt(o, e) == 0;
    }

    long enrollmentModified(Overlay o, int e) {
        return enrollmentModified(o, e, enrollmentDroppedAt(o, e));
    }

    long enrollmentModified(Overlay o, int e, long dropped) {
        long t = d.baseModified.toEpochMilli();
        if (isAddedEnrollment(e)) {
            t = addedAt(o, d.students + (e - d.baseEnrollmentSpace) / District.SLOTS);
        } else if (!o.moves().isEmpty()) {
            Move m = o.moves().get(e);
            if (m != null) {
                t = m.at();
            }
        }
        return Math.max(t, dropped);
    }

    int enrollmentSchool(Overlay o, int e) {
        return d.schoolOfCohort(District.classCohort(enrollmentClass(o, e)));
    }

    // =====================================================================================
    // Classes, courses, orgs, sessions
    // =====================================================================================

    int classSchool(int cls) {
        return d.schoolOfCohort(District.classCohort(cls));
    }

    long classDroppedAt(Overlay o, int cls) {
        return o.schoolDroppedAt()[classSchool(cls)];
    }

    long courseDroppedAt(Overlay o, int course) {
        return o.schoolDroppedAt()[courseSchool(o, course)];
    }

    /** Generated courses plus the ones added by mutations. */
    int courseSpace(Overlay o) {
        return d.totalCourses + o.addedCourses().size();
    }

    /** The added course at this index, or null for a generated one. */
    AddedCourse addedCourse(Overlay o, int course) {
        int k = course - d.totalCourses;
        return k >= 0 && k < o.addedCourses().size() ? o.addedCourses().get(k) : null;
    }

    /** The course a class belongs to now (added courses take the classes of their source course). */
    int classCourse(Overlay o, int cls) {
        int course = d.classCourse(cls);
        for (AddedCourse added : o.addedCourses()) {
            if (added.from() == course) {
                course = added.index();
            }
        }
        return course;
    }

    /** When the class last moved to an added course, or 0. */
    long classMovedAt(Overlay o, int cls) {
        int course = d.classCourse(cls);
        long at = 0;
        for (AddedCourse added : o.addedCourses()) {
            if (added.from() == course) {
                course = added.index();
                at = added.at();
            }
        }
        return at;
    }

    int courseSchool(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        return added != null ? added.school() : d.schoolOfCourse(course);
    }

    String courseTitle(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        return added != null ? added.title() : courseTitle(course);
    }

    String courseCode(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        return added != null ? added.code() : courseCode(course);
    }

    String courseSubject(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        return added != null ? added.subject() : District.SUBJECTS[d.courseSubject(course)];
    }

    String courseGrade(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        int base = added != null ? baseCourse(o, added.from()) : course;
        return d.schoolGrades(d.schoolOfCourse(base))[d.courseGradeIndex(base)];
    }

    private int baseCourse(Overlay o, int course) {
        AddedCourse added = addedCourse(o, course);
        return added == null ? course : baseCourse(o, added.from());
    }

    long orgDroppedAt(Overlay o, int org) {
        return org == 0 ? 0 : o.schoolDroppedAt()[org - 1];
    }

    // =====================================================================================
    // Generic per-kind access
    // =====================================================================================

    int space(Overlay o, Kind k) {
        return switch (k) {
            case ORG -> d.schools + 1;
            case SESSION -> 3;
            case COURSE -> courseSpace(o);
            case CLASS -> d.totalClasses;
            case USER -> d.maxStudents + d.totalTeachers;
            case ENROLLMENT -> enrollmentSpace(o);
        };
    }

    boolean exists(Overlay o, Kind k, int i) {
        if (i < 0) {
            return false;
        }
        return switch (k) {
            case ORG -> i <= d.schools;
            case SESSION -> i < 3;
            case COURSE -> i < courseSpace(o);
            case CLASS -> i < d.totalClasses;
            case USER -> userExists(o, i);
            case ENROLLMENT -> enrollmentExists(o, i);
        };
    }

    long droppedAt(Overlay o, Kind k, int i) {
        return switch (k) {
            case ORG -> orgDroppedAt(o, i);
            case SESSION -> 0;
            case COURSE -> courseDroppedAt(o, i);
            case CLASS -> classDroppedAt(o, i);
            case USER -> userDroppedAt(o, i);
            case ENROLLMENT -> enrollmentDroppedAt(o, i);
        };
    }

    long modified(Overlay o, Kind k, int i) {
        return switch (k) {
            case USER -> userModified(o, i);
            case ENROLLMENT -> enrollmentModified(o, i);
            case CLASS -> Math.max(Math.max(classDroppedAt(o, i), classMovedAt(o, i)), d.baseModified.toEpochMilli());
            case COURSE -> {
                AddedCourse added = addedCourse(o, i);
                long dr = droppedAt(o, k, i);
                yield dr != 0 ? dr : added != null ? added.at() : d.baseModified.toEpochMilli();
            }
            default -> {
                long dr = droppedAt(o, k, i);
                yield dr != 0 ? dr : d.baseModified.toEpochMilli();
            }
        };
    }

    // ---------- sourcedIds ----------

    static String pad(String prefix, long n, int width) {
        String s = Long.toString(n);
        StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, s.length()));
        b.append(prefix);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    String orgId(int org) {
        return org == 0 ? "dst-" + d.seed : schoolId(org - 1);
    }

    String schoolId(int school) {
        return pad("sch-", school + 1, 4);
    }

    String sessionId(int session) {
        return switch (session) {
            case 0 -> "as-" + d.schoolYear;
            case 1 -> "as-" + d.schoolYear + "-t1";
            default -> "as-" + d.schoolYear + "-t2";
        };
    }

    String courseId(int course) {
        return pad("crs-", course + 1, 5);
    }

    String classId(int cls) {
        return pad("cls-", cls + 1, 6);
    }

    String userId(int u) {
        return isTeacherUser(u) ? pad("tch-", u - d.maxStudents + 1, 5) : pad("stu-", u + 1, d.studentIdWidth);
    }

    String enrollmentId(int e) {
        return pad("enr-", e + 1, d.enrollmentIdWidth);
    }

    // The same ids written straight into a response (enrollment pages), without a String per id.
    private static final byte[] STU = {'s', 't', 'u', '-'};
    private static final byte[] TCH = {'t', 'c', 'h', '-'};
    private static final byte[] CLS = {'c', 'l', 's', '-'};
    private static final byte[] SCH = {'s', 'c', 'h', '-'};
    private static final byte[] ENR = {'e', 'n', 'r', '-'};

    void writeUserId(JsonBytes out, int u) throws java.io.IOException {
        if (isTeacherUser(u)) {
            out.padded(TCH, u - d.maxStudents + 1, 5);
        } else {
            out.padded(STU, u + 1, d.studentIdWidth);
        }
    }

    void writeClassId(JsonBytes out, int cls) throws java.io.IOException {
        out.padded(CLS, cls + 1, 6);
    }

    void writeSchoolId(JsonBytes out, int school) throws java.io.IOException {
        out.padded(SCH, school + 1, 4);
    }

    void writeEnrollmentId(JsonBytes out, int e) throws java.io.IOException {
        out.padded(ENR, e + 1, d.enrollmentIdWidth);
    }

    String id(Kind k, int i) {
        return switch (k) {
            case ORG -> orgId(i);
            case SESSION -> sessionId(i);
            case COURSE -> courseId(i);
            case CLASS -> classId(i);
            case USER -> userId(i);
            case ENROLLMENT -> enrollmentId(i);
        };
    }

    /** Parses a sourcedId into an index of the kind, or -1 (no such record in the current state). */
    int parse(Overlay o, Kind k, String id) {
        int i = parseRaw(k, id);
        return exists(o, k, i) ? i : -1;
    }

    private int parseRaw(Kind k, String id) {
        if (id == null) {
            return -1;
        }
        switch (k) {
            case ORG:
                if (id.equals(orgId(0))) {
                    return 0;
                }
                int s = number(id, "sch-");
                return s < 1 ? -1 : s;
            case SESSION:
                for (int i = 0; i < 3; i++) {
                    if (id.equals(sessionId(i))) {
                        return i;
                    }
                }
                return -1;
            case COURSE:
                return number(id, "crs-") - 1;
            case CLASS:
                return number(id, "cls-") - 1;
            case USER:
                int st = number(id, "stu-");
                if (st >= 1) {
                    return st - 1 < d.maxStudents ? st - 1 : -1;
                }
                int t = number(id, "tch-");
                return t >= 1 ? d.maxStudents + t - 1 : -1;
            case ENROLLMENT:
                return number(id, "enr-") - 1;
            default:
                return -1;
        }
    }

    int parseSchool(Overlay o, String id) {
        int org = parse(o, Kind.ORG, id);
        return org >= 1 ? org - 1 : -1;
    }

    private static int number(String id, String prefix) {
        if (!id.startsWith(prefix) || id.length() == prefix.length() || id.length() > prefix.length() + 9) {
            return -1;
        }
        int n = 0;
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // ---------- names ----------

    String givenName(int u) {
        return Names.FIRST[d.pick(31, u, Names.FIRST.length)];
    }

    String familyName(int u) {
        return Names.LAST[d.pick(32, u, Names.LAST.length)];
    }

    String middleName(int u) {
        return Names.MIDDLE_INITIAL[d.pick(33, u, Names.MIDDLE_INITIAL.length)];
    }

    /** first.last.N for students, first.last.tN for teachers (N = the number in the sourcedId). */
    String username(int u) {
        String first = firstLower[d.pick(31, u, Names.FIRST.length)];
        String last = lastLower[d.pick(32, u, Names.LAST.length)];
        String n = isTeacherUser(u) ? "t" + (u - d.maxStudents + 1) : Integer.toString(u + 1);
        return first + '.' + last + '.' + n;
    }

    String email(int u) {
        return username(u) + '@' + d.domain;
    }

    String userIdentifier(int u) {
        return isTeacherUser(u) ? "E" + (100_000 + u - d.maxStudents + 1) : Long.toString(1_000_000L + u + 1);
    }

    String studentGrade(int s) {
        return d.cohortGrade(studentCohort(s));
    }

    String schoolName(int school) {
        String base = Names.SCHOOL_NAME[school % Names.SCHOOL_NAME.length];
        int round = school / Names.SCHOOL_NAME.length;
        return base + (round > 0 ? " " + (round + 1) : "") + " " + Names.SCHOOL_SUFFIX[d.schoolType[school]];
    }

    String courseCode(int course) {
        int school = d.schoolOfCourse(course);
        return District.SUBJECT_CODES[d.courseSubject(course)] + "-" + d.schoolGrades(school)[d.courseGradeIndex(course)];
    }

    String courseTitle(int course) {
        int school = d.schoolOfCourse(course);
        String grade = d.schoolGrades(school)[d.courseGradeIndex(course)];
        return District.SUBJECTS[d.courseSubject(course)] + " " + ("KG".equals(grade) ? "Kindergarten" : "Grade " + grade);
    }

    int classSection(int cls) {
        int cohort = District.classCohort(cls);
        int school = d.schoolOfCohort(cohort);
        int grades = d.schoolGrades(school).length;
        return (cohort - d.cohortStart[school]) / grades + 1;
    }

    String classCode(int cls) {
        return courseCode(d.classCourse(cls)) + "-T" + (District.slotTerm(District.classSlot(cls)) + 1) + "-" + classSection(cls);
    }

    String classTitle(int cls) {
        return courseTitle(d.classCourse(cls)) + " - Term " + (District.slotTerm(District.classSlot(cls)) + 1)
                + " - Section " + classSection(cls);
    }
}
