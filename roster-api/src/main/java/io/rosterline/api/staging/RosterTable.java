package io.rosterline.api.staging;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The six roster collections as plain SQL tables: roster_X holds a district's current roster, staged_X a run's
 * differences. The worker sends rows keyed by the JSON names below; the same descriptor builds every statement, so the
 * columns are declared once.
 */
public enum RosterTable {
    ORGS("orgs", "org",
            col("name", "name", Type.TEXT), col("org_type", "type", Type.TEXT), col("identifier", "identifier", Type.TEXT),
            col("parent_sourced_id", "parentSourcedId", Type.TEXT)),
    ACADEMIC_SESSIONS("academicSessions", "session",
            col("title", "title", Type.TEXT), col("session_type", "type", Type.TEXT), col("start_date", "startDate", Type.DATE),
            col("end_date", "endDate", Type.DATE), col("parent_sourced_id", "parentSourcedId", Type.TEXT)),
    COURSES("courses", "course",
            col("title", "title", Type.TEXT), col("course_code", "courseCode", Type.TEXT),
            col("school_sourced_id", "schoolSourcedId", Type.TEXT)),
    CLASSES("classes", "class",
            col("title", "title", Type.TEXT), col("class_code", "classCode", Type.TEXT),
            col("course_sourced_id", "courseSourcedId", Type.TEXT), col("school_sourced_id", "schoolSourcedId", Type.TEXT),
            col("term_sourced_ids", "termSourcedIds", Type.TEXT_ARRAY)),
    USERS("users", "user",
            col("role", "role", Type.TEXT), col("given_name", "givenName", Type.TEXT), col("family_name", "familyName", Type.TEXT),
            col("email", "email", Type.TEXT), col("username", "username", Type.TEXT), col("identifier", "identifier", Type.TEXT)),
    ENROLLMENTS("enrollments", "enrollment",
            col("class_sourced_id", "classSourcedId", Type.TEXT), col("user_sourced_id", "userSourcedId", Type.TEXT),
            col("role", "role", Type.TEXT), col("begin_date", "beginDate", Type.DATE), col("end_date", "endDate", Type.DATE));

    public enum Type { TEXT, DATE, TEXT_ARRAY }

    public record Column(String name, String json, Type type) {
    }

    /** The OneRoster collection name the worker uses (orgs, users, ...). */
    public final String collection;
    public final String current;
    public final String staged;
    public final List<Column> columns;

    RosterTable(String collection, String stem, Column... columns) {
        this.collection = collection;
        this.current = "roster_" + stem;
        this.staged = "staged_" + stem;
        this.columns = List.of(columns);
    }

    private static Column col(String name, String json, Type type) {
        return new Column(name, json, type);
    }

    public static RosterTable of(String collection) {
        return Arrays.stream(values()).filter(t -> t.collection.equals(collection)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown collection " + collection));
    }

    public static boolean known(String collection) {
        return Arrays.stream(values()).anyMatch(t -> t.collection.equals(collection));
    }

    /** The data columns, comma-separated, optionally prefixed with a table alias. */
    public String dataColumns(String alias) {
        String prefix = alias == null ? "" : alias + ".";
        return columns.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }

    public String label() {
        return collection.toLowerCase(Locale.ROOT);
    }
}
