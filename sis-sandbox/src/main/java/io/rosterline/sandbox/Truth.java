package io.rosterline.sandbox;

import io.rosterline.sandbox.Roster.Overlay;

import java.util.ArrayList;
import java.util.List;

/**
 * The roster exactly as the generator holds it right now (every mutation applied), read from the model rather than
 * from any served API, so that a test can work out what a correct sync must produce without trusting a connector.
 * It is materialised: meant for test-sized districts. Ids are the OneRoster sourcedIds; the PowerSchool endpoints use
 * the number in them (stu-000123 is student 123, cls-000045 is section 45).
 */
public final class Truth {

    public record School(String sourcedId, String name, boolean active) {
    }

    public record Course(String sourcedId, String schoolSourcedId, String title, String courseCode, String subject,
                         boolean active) {
    }

    public record Clazz(String sourcedId, String courseSourcedId, String schoolSourcedId, String termSourcedId, boolean active) {
    }

    public record Person(String sourcedId, boolean teacher, boolean active) {
    }

    /** active: neither the person nor the school was dropped. primary: the class's lead teacher. */
    public record Enrollment(String sourcedId, String classSourcedId, String userSourcedId, boolean teacher, boolean primary,
                             boolean active) {
    }

    public final long version;
    public final List<School> schools;
    public final List<Course> courses;
    public final List<Clazz> classes;
    public final List<Person> people;
    public final List<Enrollment> enrollments;

    private Truth(long version, List<School> schools, List<Course> courses, List<Clazz> classes, List<Person> people,
                  List<Enrollment> enrollments) {
        this.version = version;
        this.schools = List.copyOf(schools);
        this.courses = List.copyOf(courses);
        this.classes = List.copyOf(classes);
        this.people = List.copyOf(people);
        this.enrollments = List.copyOf(enrollments);
    }

    static Truth of(Roster r) {
        Overlay o = r.overlay();
        District d = r.d;
        List<School> schools = new ArrayList<>();
        for (int s = 0; s < d.schools; s++) {
            schools.add(new School(r.schoolId(s), r.schoolName(s), o.schoolDroppedAt()[s] == 0));
        }
        List<Course> courses = new ArrayList<>();
        for (int c = 0; c < r.courseSpace(o); c++) {
            courses.add(new Course(r.courseId(c), r.schoolId(r.courseSchool(o, c)), r.courseTitle(o, c), r.courseCode(o, c),
                    r.courseSubject(o, c), r.courseDroppedAt(o, c) == 0));
        }
        List<Clazz> classes = new ArrayList<>();
        for (int k = 0; k < d.totalClasses; k++) {
            classes.add(new Clazz(r.classId(k), r.courseId(r.classCourse(o, k)), r.schoolId(r.classSchool(k)),
                    r.sessionId(1 + District.slotTerm(District.classSlot(k))), r.classDroppedAt(o, k) == 0));
        }
        List<Person> people = new ArrayList<>();
        for (int u = 0; u < r.studentCount(o); u++) {
            people.add(new Person(r.userId(u), false, r.userDroppedAt(o, u) == 0));
        }
        for (int t = 0; t < d.totalTeachers; t++) {
            int u = r.teacherUser(t);
            people.add(new Person(r.userId(u), true, r.userDroppedAt(o, u) == 0));
        }
        List<Enrollment> enrollments = new ArrayList<>();
        for (int e = 0; e < r.enrollmentSpace(o); e++) {
            if (!r.enrollmentExists(o, e)) {
                continue;
            }
            enrollments.add(new Enrollment(r.enrollmentId(e), r.classId(r.enrollmentClass(o, e)), r.userId(r.enrollmentUser(o, e)),
                    r.enrollmentIsTeacher(e), r.enrollmentIsPrimary(e), r.enrollmentActive(o, e)));
        }
        return new Truth(o.version(), schools, courses, classes, people, enrollments);
    }
}
