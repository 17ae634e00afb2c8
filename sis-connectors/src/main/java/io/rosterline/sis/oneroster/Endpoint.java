package io.rosterline.sis.oneroster;

import io.rosterline.sis.auth.PercentEncoding;
import io.rosterline.sis.model.RosterCollection;

/**
 * A OneRoster REST endpoint relative to the base URL, and the collection (= JSON envelope key) it answers with.
 * /schools answers {"orgs": [...]}, /terms {"academicSessions": [...]}, /classes/{id}/students {"users": [...]}.
 */
public record Endpoint(String path, RosterCollection collection) {

    public static Endpoint of(RosterCollection collection) {
        return new Endpoint(collection.oneRosterName(), collection);
    }

    public static Endpoint schools() {
        return new Endpoint("schools", RosterCollection.ORGS);
    }

    public static Endpoint terms() {
        return new Endpoint("terms", RosterCollection.ACADEMIC_SESSIONS);
    }

    public static Endpoint students() {
        return new Endpoint("students", RosterCollection.USERS);
    }

    public static Endpoint teachers() {
        return new Endpoint("teachers", RosterCollection.USERS);
    }

    public static Endpoint classesOfSchool(String schoolSourcedId) {
        return new Endpoint("schools/" + id(schoolSourcedId) + "/classes", RosterCollection.CLASSES);
    }

    public static Endpoint enrollmentsOfSchool(String schoolSourcedId) {
        return new Endpoint("schools/" + id(schoolSourcedId) + "/enrollments", RosterCollection.ENROLLMENTS);
    }

    public static Endpoint coursesOfSchool(String schoolSourcedId) {
        return new Endpoint("schools/" + id(schoolSourcedId) + "/courses", RosterCollection.COURSES);
    }

    public static Endpoint studentsOfClass(String classSourcedId) {
        return new Endpoint("classes/" + id(classSourcedId) + "/students", RosterCollection.USERS);
    }

    public static Endpoint teachersOfClass(String classSourcedId) {
        return new Endpoint("classes/" + id(classSourcedId) + "/teachers", RosterCollection.USERS);
    }

    public static Endpoint classesOfCourse(String courseSourcedId) {
        return new Endpoint("courses/" + id(courseSourcedId) + "/classes", RosterCollection.CLASSES);
    }

    public static Endpoint classesOfTerm(String termSourcedId) {
        return new Endpoint("terms/" + id(termSourcedId) + "/classes", RosterCollection.CLASSES);
    }

    private static String id(String sourcedId) {
        return PercentEncoding.encode(sourcedId);
    }
}
