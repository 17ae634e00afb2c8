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
        row.put("sourcedId", record.sourcedId());
        row.put("status", record.status() == null ? "active" : record.status().name().toLowerCase(Locale.ROOT));
        if (record instanceof Org o) {
            row.put("name", o.name());
            row.put("type", o.type());
            row.put("identifier", o.identifier());
            row.put("parentSourcedId", o.parentSourcedId());
        } else if (record instanceof AcademicSession s) {
            row.put("title", s.title());
            row.put("type", s.type());
            row.put("startDate", s.startDate() == null ? null : s.startDate().toString());
            row.put("endDate", s.endDate() == null ? null : s.endDate().toString());
            row.put("parentSourcedId", s.parentSourcedId());
        } else if (record instanceof Course c) {
            row.put("title", c.title());
            row.put("courseCode", c.courseCode());
            row.put("schoolSourcedId", c.orgSourcedId());
        } else if (record instanceof RosterClass k) {
            row.put("title", k.title());
            row.put("classCode", k.classCode());
            row.put("courseSourcedId", k.courseSourcedId());
            row.put("schoolSourcedId", k.schoolSourcedId());
            row.put("termSourcedIds", k.termSourcedIds() == null ? List.of() : k.termSourcedIds());
        } else if (record instanceof User u) {
            row.put("role", u.role() == null ? null : u.role().oneRosterName());
            row.put("givenName", u.givenName());
            row.put("familyName", u.familyName());
            row.put("email", u.email());
            row.put("username", u.username());
            row.put("identifier", u.identifier());
        } else if (record instanceof Enrollment e) {
            row.put("classSourcedId", e.classSourcedId());
            row.put("userSourcedId", e.userSourcedId());
            row.put("role", e.role() == null ? null : e.role().oneRosterName());
            row.put("beginDate", e.beginDate() == null ? null : e.beginDate().toString());
            row.put("endDate", e.endDate() == null ? null : e.endDate().toString());
        }
        return row;
    }

    /** A course as the course cache keeps it (with subjects and grades, which course rules match on). */
    static Map<String, Object> courseRow(Course c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sourcedId", c.sourcedId());
        row.put("status", c.status() == null ? "active" : c.status().name().toLowerCase(Locale.ROOT));
        row.put("title", c.title());
        row.put("courseCode", c.courseCode());
        row.put("schoolSourcedId", c.orgSourcedId());
        row.put("subjects", c.subjects() == null ? List.of() : c.subjects());
        row.put("grades", c.grades() == null ? List.of() : c.grades());
        return row;
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
