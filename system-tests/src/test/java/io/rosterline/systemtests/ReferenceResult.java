package io.rosterline.systemtests;

import io.rosterline.sandbox.Truth;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a correct first sync of a district set up like {@link LicensedDistrict} must leave, worked out from the sandbox
 * generator's model alone: one row per active rostered account, class, enrollment and ROSTERED license assignment
 * (every pool has more seats than people), each as "kind/sourcedId" so that two results compare as sets of rows.
 */
record ReferenceResult(Set<String> rows, Set<String> includedCourses) {

    static final String INCLUDED_CODES = "MATH-";

    static ReferenceResult fromSandbox() {
        Truth truth = Sandbox.truth();
        Set<String> courses = truth.courses.stream().filter(c -> c.courseCode().startsWith(INCLUDED_CODES))
                .map(Truth.Course::sourcedId).collect(Collectors.toCollection(TreeSet::new));
        // OneRoster REST lists every class of an included course, also those marked tobedeleted.
        Map<String, Truth.Clazz> classes = new HashMap<>();
        truth.classes.stream().filter(k -> courses.contains(k.courseSourcedId())).forEach(k -> classes.put(k.sourcedId(), k));
        Map<String, Truth.Person> people = new HashMap<>();
        truth.people.forEach(p -> people.put(p.sourcedId(), p));
        Set<String> rows = new TreeSet<>();
        classes.keySet().forEach(id -> rows.add("class/" + id));
        for (Truth.Enrollment e : truth.enrollments) {
            Truth.Clazz k = classes.get(e.classSourcedId());
            if (k == null) {
                continue;
            }
            rows.add("enrollment/" + e.sourcedId());
            Truth.Person person = people.get(e.userSourcedId());
            if (person.active()) {
                rows.add("account/" + e.userSourcedId());
            }
            if (e.active() && k.active() && person.active()) {
                rows.add("license/" + (e.teacher() ? "TEACHER" : "STUDENT") + "/" + e.userSourcedId());
            }
        }
        return new ReferenceResult(rows, courses);
    }
}
