package io.rosterline.sync.engine;

import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.User;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source record as the row roster-api stages (only the fields Rosterline keeps), and its content hash: the first
 * 64 bits of SHA-256 over the row's values in a fixed order, so an unchanged record hashes the same on every run.
 */
final class RecordRows {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private RecordRows() {
    }

    static Map<String, Object> row(RosterRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "sourcedId", record.sourcedId());
        put(row, "status", record.status() == null ? "active" : record.status().name().toLowerCase(Locale.ROOT));
        if (record instanceof Org o) {
            put(row, "name", o.name());
            put(row, "type", o.type());
            put(row, "identifier", o.identifier());
            put(row, "parentSourcedId", o.parentSourcedId());
        } else if (record instanceof AcademicSession s) {
            put(row, "title", s.title());
            put(row, "type", s.type());
            put(row, "startDate", s.startDate() == null ? null : s.startDate().toString());
            put(row, "endDate", s.endDate() == null ? null : s.endDate().toString());
            put(row, "parentSourcedId", s.parentSourcedId());
        } else if (record instanceof Course c) {
            put(row, "title", c.title());
            put(row, "courseCode", c.courseCode());
            put(row, "schoolSourcedId", c.orgSourcedId());
        } else if (record instanceof RosterClass k) {
            put(row, "title", k.title());
            put(row, "classCode", k.classCode());
            put(row, "courseSourcedId", k.courseSourcedId());
            put(row, "schoolSourcedId", k.schoolSourcedId());
            put(row, "termSourcedIds", k.termSourcedIds() == null ? List.of() : k.termSourcedIds());
        } else if (record instanceof User u) {
            put(row, "role", u.role() == null ? null : u.role().oneRosterName());
            put(row, "givenName", u.givenName());
            put(row, "familyName", u.familyName());
            put(row, "email", u.email());
            put(row, "username", u.username());
            put(row, "identifier", u.identifier());
        } else if (record instanceof Enrollment e) {
            put(row, "classSourcedId", e.classSourcedId());
            put(row, "userSourcedId", e.userSourcedId());
            put(row, "role", e.role() == null ? null : e.role().oneRosterName());
            put(row, "beginDate", e.beginDate() == null ? null : e.beginDate().toString());
            put(row, "endDate", e.endDate() == null ? null : e.endDate().toString());
        }
        return row;
    }

    /** A course as the course cache keeps it (with subjects and grades, which course rules match on). */
    static Map<String, Object> courseRow(Course c) {
        Map<String, Object> row = new LinkedHashMap<>();
        put(row, "sourcedId", c.sourcedId());
        put(row, "status", c.status() == null ? "active" : c.status().name().toLowerCase(Locale.ROOT));
        put(row, "title", c.title());
        put(row, "courseCode", c.courseCode());
        put(row, "schoolSourcedId", c.orgSourcedId());
        put(row, "subjects", c.subjects() == null ? List.of() : c.subjects());
        put(row, "grades", c.grades() == null ? List.of() : c.grades());
        return row;
    }

    /**
     * PostgreSQL text cannot hold NUL, and no SIS means one: an export with a stray NUL in a name must not fail the
     * district's sync, so it is dropped here, before the hash (the same record hashes the same on every run).
     */
    private static void put(Map<String, Object> row, String field, Object value) {
        if (value instanceof String text && text.indexOf('\u0000') >= 0) {
            value = text.replace("\u0000", "");
        } else if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof String t && t.indexOf('\u0000') >= 0)) {
            value = list.stream().map(v -> v instanceof String t ? t.replace("\u0000", "") : v).toList();
        }
        row.put(field, value);
    }

    static long hash(Map<String, Object> row) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        for (Object value : row.values()) {
            String text = value == null ? "\u0000" : value.toString();
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1f);
        }
        byte[] d = sha.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }
}
