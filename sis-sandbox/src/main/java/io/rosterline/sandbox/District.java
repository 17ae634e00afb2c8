package io.rosterline.sandbox;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The generated (unmutated) district, computed arithmetically from a seed and a student count.
 * Nothing here holds per-student data: every record is derived from its index, so a 170k-student
 * district costs a few small per-school arrays.
 *
 * <p>Layout: students are split into contiguous blocks per school. Inside a school, students sit in
 * cohorts of {@value #COHORT} (a cohort shares a grade). Each cohort has {@value #SLOTS} class slots
 * (4 subjects x 2 terms); a student takes the first 6, 7 or 8 slots. A class is (school, cohort, slot),
 * so class rosters and enrollment ids are pure arithmetic: enrollment index = class * {@value #SEATS} + seat,
 * seats 0..24 are students, 25 the teacher, 26 the co-teacher.
 */
public final class District {

    public static final int COHORT = 25;
    public static final int SLOTS = 8;
    public static final int TEACHER_SEAT = COHORT;
    public static final int SEATS = COHORT + 2;
    public static final int STUDENTS_PER_TEACHER = 20;
    public static final int STUDENTS_PER_SCHOOL = 600;

    public static final String[] SUBJECTS = {"Mathematics", "English Language Arts", "Science", "Social Studies"};
    static final String[] SUBJECT_CODES = {"MATH", "ELA", "SCI", "SOC"};
    static final String[] SCED_CODES = {"02", "01", "03", "04"};
    static final String[] TYPE_NAMES = {"elementary", "middle", "high"};
    static final String[][] TYPE_GRADES = {
            {"KG", "01", "02", "03", "04", "05"},
            {"06", "07", "08"},
            {"09", "10", "11", "12"}};
    /** School type cycle: the first two schools are elementary + high, so even a 2-school district spans K-12. */
    private static final int[] TYPE_CYCLE = {0, 2, 1, 0};

    public final long seed;
    public final int students;
    public final int schools;
    public final String domain;
    public final String districtName;
    public final int schoolYear;          // ending year, e.g. 2027 for 2026-2027
    public final Instant baseModified;
    public final LocalDate yearStart;
    public final LocalDate yearEnd;
    public final LocalDate term1End;
    public final LocalDate term2Start;

    // per-school prefix arrays (length schools + 1)
    final int[] studentStart;
    final int[] cohortStart;
    final int[] teacherStart;
    final int[] courseStart;
    final int[] schoolType;

    public final int totalCohorts;
    public final int totalClasses;
    public final int totalTeachers;
    public final int totalCourses;
    /** Upper bound of students including ones added by mutations (sizes the id space). */
    public final int maxStudents;
    /** Base enrollment index space (classes x seats). */
    public final int baseEnrollmentSpace;
    final int studentIdWidth;
    final int enrollmentIdWidth;

    public District(long seed, int students, String domain, int schoolYear, Instant baseModified) {
        if (students < 1) {
            throw new IllegalArgumentException("students must be at least 1");
        }
        this.seed = seed;
        this.students = students;
        this.domain = domain;
        this.schoolYear = schoolYear;
        this.baseModified = baseModified;
        this.yearStart = LocalDate.of(schoolYear - 1, 8, 15);
        this.yearEnd = LocalDate.of(schoolYear, 6, 15);
        this.term1End = LocalDate.of(schoolYear, 1, 15);
        this.term2Start = LocalDate.of(schoolYear, 1, 19);
        this.schools = Math.max(2, Math.round(students / (float) STUDENTS_PER_SCHOOL));
        this.districtName = Names.DISTRICT_PREFIX[(int) Long.remainderUnsigned(mix(seed, 7, 0), Names.DISTRICT_PREFIX.length)]
                + " Unified School District";

        studentStart = new int[schools + 1];
        cohortStart = new int[schools + 1];
        teacherStart = new int[schools + 1];
        courseStart = new int[schools + 1];
        schoolType = new int[schools];
        int per = students / schools;
        int rest = students % schools;
        for (int s = 0; s < schools; s++) {
            int n = per + (s < rest ? 1 : 0);
            schoolType[s] = TYPE_CYCLE[s % TYPE_CYCLE.length];
            studentStart[s + 1] = studentStart[s] + n;
            cohortStart[s + 1] = cohortStart[s] + Math.max(1, (n + COHORT - 1) / COHORT);
            teacherStart[s + 1] = teacherStart[s] + Math.max(1, (n + STUDENTS_PER_TEACHER - 1) / STUDENTS_PER_TEACHER);
            courseStart[s + 1] = courseStart[s] + TYPE_GRADES[schoolType[s]].length * SUBJECTS.length;
        }
        totalCohorts = cohortStart[schools];
        totalClasses = totalCohorts * SLOTS;
        totalTeachers = teacherStart[schools];
        totalCourses = courseStart[schools];
        maxStudents = students * 2 + 1000;
        baseEnrollmentSpace = totalClasses * SEATS;
        studentIdWidth = Math.max(6, digits(maxStudents));
        enrollmentIdWidth = Math.max(7, digits(baseEnrollmentSpace + (long) maxStudents * SLOTS));
    }

    // ---------- hashing ----------

    /** SplitMix64 finaliser over seed, a salt and an index: the single source of all "randomness". */
    static long mix(long seed, long salt, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int pick(long salt, long index, int bound) {
        return (int) Long.remainderUnsigned(mix(seed, salt, index), bound);
    }

    static int digits(long n) {
        return Long.toString(Math.max(1, n)).length();
    }

    // ---------- schools ----------

    public int schoolOfBaseStudent(int student) {
        return upperIndex(studentStart, student);
    }

    int schoolOfCohort(int cohort) {
        return upperIndex(cohortStart, cohort);
    }

    int schoolOfTeacher(int teacher) {
        return upperIndex(teacherStart, teacher);
    }

    int schoolOfCourse(int course) {
        return upperIndex(courseStart, course);
    }

    /** Index s such that starts[s] <= value < starts[s+1]. */
    private static int upperIndex(int[] starts, int value) {
        int lo = 0;
        int hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= value) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public String schoolTypeName(int school) {
        return TYPE_NAMES[schoolType[school]];
    }

    String[] schoolGrades(int school) {
        return TYPE_GRADES[schoolType[school]];
    }

    public int schoolStudentCount(int school) {
        return studentStart[school + 1] - studentStart[school];
    }

    int schoolCohorts(int school) {
        return cohortStart[school + 1] - cohortStart[school];
    }

    int schoolTeachers(int school) {
        return teacherStart[school + 1] - teacherStart[school];
    }

    // ---------- cohorts / classes ----------

    String cohortGrade(int cohort) {
        int school = schoolOfCohort(cohort);
        String[] grades = schoolGrades(school);
        int local = cohort - cohortStart[school];
        // grades cycle over cohorts, so every grade of the school has students
        return grades[local % grades.length];
    }

    int cohortGradeIndex(int cohort) {
        int school = schoolOfCohort(cohort);
        return (cohort - cohortStart[school]) % schoolGrades(school).length;
    }

    static int classCohort(int cls) {
        return cls / SLOTS;
    }

    static int classSlot(int cls) {
        return cls % SLOTS;
    }

    static int slotSubject(int slot) {
        return slot / 2;
    }

    /** 0 = first term, 1 = second term. */
    static int slotTerm(int slot) {
        return slot % 2;
    }

    int classCourse(int cls) {
        int cohort = classCohort(cls);
        int school = schoolOfCohort(cohort);
        return courseStart[school] + cohortGradeIndex(cohort) * SUBJECTS.length + slotSubject(classSlot(cls));
    }

    int courseGradeIndex(int course) {
        return (course - courseStart[schoolOfCourse(course)]) / SUBJECTS.length;
    }

    int courseSubject(int course) {
        return (course - courseStart[schoolOfCourse(course)]) % SUBJECTS.length;
    }

    /** Teacher (global index) leading a class: classes of a school are dealt round-robin to its teachers. */
    int classTeacher(int cls) {
        int school = schoolOfCohort(classCohort(cls));
        int local = cls - cohortStart[school] * SLOTS;
        return teacherStart[school] + local % schoolTeachers(school);
    }

    /** Co-teacher of a class, or -1. About one class in five has one. */
    int classCoTeacher(int cls) {
        int school = schoolOfCohort(classCohort(cls));
        int teachers = schoolTeachers(school);
        if (teachers < 2 || pick(11, cls, 5) != 0) {
            return -1;
        }
        int local = cls - cohortStart[school] * SLOTS;
        return teacherStart[school] + (local + 1) % teachers;
    }

    // ---------- students ----------

    /** How many of the 8 slots a student takes: 6, 7 or 8. */
    int studentLoad(int student) {
        return 6 + pick(3, student, 3);
    }

    /** Base student sitting on a seat of a class, or -1 if the seat is empty. */
    int seatStudent(int cls, int seat) {
        int cohort = classCohort(cls);
        int school = schoolOfCohort(cohort);
        int student = studentStart[school] + (cohort - cohortStart[school]) * COHORT + seat;
        if (student >= studentStart[school + 1]) {
            return -1;
        }
        return studentLoad(student) > classSlot(cls) ? student : -1;
    }

    int baseStudentCohort(int student) {
        int school = schoolOfBaseStudent(student);
        return cohortStart[school] + (student - studentStart[school]) / COHORT;
    }

    int baseStudentSeat(int student) {
        int school = schoolOfBaseStudent(student);
        return (student - studentStart[school]) % COHORT;
    }

    // ---------- dates ----------

    LocalDate termStart(int term) {
        return term == 0 ? yearStart : term2Start;
    }

    LocalDate termEnd(int term) {
        return term == 0 ? term1End : yearEnd;
    }
}
