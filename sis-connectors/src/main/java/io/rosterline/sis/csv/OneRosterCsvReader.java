package io.rosterline.sis.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.LenientValues;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.SisException;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.OneRosterJsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OneRoster 1.1 and 1.2 CSV (a zip or a folder with manifest.csv). Rows stream from the zip entry through FastCSV
 * (RFC 4180 quoting, comma lists inside quotes) to the consumer, so memory stays flat however many rows there are.
 * Columns are found by header name in any order. A row that cannot be used is an error naming file and line; the
 * read goes on. Files that are unsafe (zip bomb, path traversal) or not UTF-8 are refused as a whole.
 *
 * <p>OneRoster 1.2 keeps user roles in roles.csv and user profiles in userProfiles.csv; those two (small per user)
 * are loaded into memory before users.csv is streamed, so that each User carries its roles.
 */
public final class OneRosterCsvReader implements RosterReader {

    public enum Version { V1P1, V1P2 }

    private final CsvSource source;
    private final Map<String, String> manifest;
    private final Version version;

    private OneRosterCsvReader(CsvSource source) {
        this.source = source;
        this.manifest = readManifest();
        String v = manifest.getOrDefault("oneroster.version", "1.1").trim();
        this.version = v.startsWith("1.2") ? Version.V1P2 : Version.V1P1;
    }

    /** Opens a zip file or a folder. */
    public static OneRosterCsvReader open(Path zipOrFolder) {
        return open(zipOrFolder, ZipLimits.defaults());
    }

    public static OneRosterCsvReader open(Path zipOrFolder, ZipLimits limits) {
        return new OneRosterCsvReader(CsvSource.of(zipOrFolder, limits));
    }

    public Version version() {
        return version;
    }

    /** "bulk", "delta" or "absent" for a OneRoster file stem such as "users". */
    public String fileMode(String stem) {
        return manifest.getOrDefault("file." + stem, "absent");
    }

    private Map<String, String> readManifest() {
        String name = source.find("manifest.csv");
        if (name == null) {
            throw new SisException.InvalidData(source.describe() + " has no manifest.csv, so it is not a OneRoster CSV export.");
        }
        Map<String, String> m = new HashMap<>();
        ReadReport ignored = new ReadReport();
        forEachRow(name, ignored, (row, line) -> {
            String key = row.get("propertyName");
            if (key != null) {
                m.put(key.trim(), row.get("value") == null ? "" : row.get("value").trim());
            }
        }, Set.of("propertyName", "value"));
        return m;
    }

    @Override
    public void read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report) {
        String stem = collection.oneRosterName();
        String fileName = fileFor(stem, report);
        if (fileName == null) {
            return;
        }
        boolean delta = "delta".equalsIgnoreCase(fileMode(stem));
        LenientValues values = new LenientValues(report);
        Map<String, List<User.UserRole>> roles = Map.of();
        Map<String, List<User.UserProfile>> profiles = Map.of();
        if (collection == RosterCollection.USERS && version == Version.V1P2) {
            roles = loadRoles(report, values);
            profiles = loadProfiles(report);
        }
        Map<String, List<User.UserRole>> rolesByUser = roles;
        Map<String, List<User.UserProfile>> profilesByUser = profiles;
        forEachRow(fileName, report, (row, line) -> {
            String where = fileName + " line " + line;
            String sourcedId = row.get("sourcedId");
            if (LenientValues.blank(sourcedId)) {
                report.error(where + ": no sourcedId; row skipped");
                return;
            }
            Status status = values.status(row.get("status"), delta, where);
            Instant modified = values.timestamp(row.get("dateLastModified"), where);
            if (since != null && modified != null && !modified.isAfter(since)) {
                return;
            }
            RosterRecord record = switch (collection) {
                case ORGS -> new Org(sourcedId, status, modified, row.get("name"),
                        values.enumValue(row.get("type"), LenientValues.ORG_TYPES, "type", where),
                        row.get("identifier"), row.get("parentSourcedId"));
                case ACADEMIC_SESSIONS -> new AcademicSession(sourcedId, status, modified, row.get("title"),
                        values.enumValue(row.get("type"), LenientValues.SESSION_TYPES, "type", where),
                        values.date(row.get("startDate"), where), values.date(row.get("endDate"), where),
                        row.get("parentSourcedId"), row.get("schoolYear"));
                case COURSES -> new Course(sourcedId, status, modified, row.get("title"), row.get("courseCode"),
                        LenientValues.commaList(row.get("grades")), LenientValues.commaList(row.get("subjects")),
                        row.get("orgSourcedId"), row.get("schoolYearSourcedId"));
                case CLASSES -> required(row, where, report, "schoolSourcedId", "courseSourcedId") ? new RosterClass(
                        sourcedId, status, modified, row.get("title"), row.get("classCode"),
                        values.enumValue(row.get("classType"), LenientValues.CLASS_TYPES, "classType", where),
                        row.get("location"), LenientValues.commaList(row.get("grades")),
                        LenientValues.commaList(row.get("subjects")), row.get("courseSourcedId"),
                        row.get("schoolSourcedId"), LenientValues.commaList(row.get("termSourcedIds")),
                        LenientValues.commaList(row.get("periods"))) : null;
                case USERS -> user(row, sourcedId, status, modified, where, values,
                        rolesByUser.getOrDefault(sourcedId, List.of()), profilesByUser.getOrDefault(sourcedId, List.of()));
                case ENROLLMENTS -> required(row, where, report, "classSourcedId", "userSourcedId", "role") ? new Enrollment(
                        sourcedId, status, modified, row.get("classSourcedId"), row.get("schoolSourcedId"),
                        row.get("userSourcedId"), values.role(row.get("role"), where),
                        values.bool(row.get("primary"), "primary", where), values.date(row.get("beginDate"), where),
                        values.date(row.get("endDate"), where)) : null;
            };
            if (record != null) {
                consumer.accept(record);
                report.counted(collection);
            }
        }, Set.of("sourcedId"));
    }

    private static boolean required(Row row, String where, ReadReport report, String... columns) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            if (LenientValues.blank(row.get(c))) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            report.error(where + ": no " + String.join(", ", missing) + "; row skipped");
            return false;
        }
        return true;
    }

    private User user(Row row, String sourcedId, Status status, Instant modified, String where, LenientValues values,
                      List<User.UserRole> roles, List<User.UserProfile> profiles) {
        Role role = values.role(row.get("role"), where);
        if (role == null) {
            role = OneRosterJsonMapper.primaryRole(roles);
        }
        Set<String> orgs = new LinkedHashSet<>(LenientValues.commaList(row.get("orgSourcedIds")));
        String primaryOrg = LenientValues.emptyToNull(row.get("primaryOrgSourcedId"));
        if (primaryOrg != null) {
            orgs.add(primaryOrg);
        }
        for (User.UserRole r : roles) {
            if (r.orgSourcedId() != null) {
                orgs.add(r.orgSourcedId());
            }
        }
        return new User(sourcedId, status, modified, values.bool(row.get("enabledUser"), "enabledUser", where),
                row.get("username"), userIds(row.get("userIds")), row.get("givenName"), row.get("familyName"),
                row.get("middleName"), row.get("identifier"), row.get("email"), role, roles, List.copyOf(orgs),
                LenientValues.commaList(row.get("agentSourcedIds")), LenientValues.commaList(row.get("grades")), profiles);
    }

    /** "{LDAP:12},{LTI:15}" into (LDAP, 12), (LTI, 15). */
    static List<User.UserId> userIds(String raw) {
        if (LenientValues.blank(raw)) {
            return List.of();
        }
        List<User.UserId> out = new ArrayList<>();
        for (String part : raw.split("}\\s*,\\s*\\{|,(?![^{]*})")) {
            String p = part.trim();
            if (p.startsWith("{")) {
                p = p.substring(1);
            }
            if (p.endsWith("}")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            out.add(colon < 0 ? new User.UserId(null, p) : new User.UserId(p.substring(0, colon), p.substring(colon + 1)));
        }
        return List.copyOf(out);
    }

    private Map<String, List<User.UserRole>> loadRoles(ReadReport report, LenientValues values) {
        Map<String, List<User.UserRole>> byUser = new HashMap<>();
        String fileName = fileFor("roles", report);
        if (fileName == null) {
            return byUser;
        }
        forEachRow(fileName, report, (row, line) -> {
            String where = fileName + " line " + line;
            String user = row.get("userSourcedId");
            if (LenientValues.blank(user)) {
                report.error(where + ": no userSourcedId; role skipped");
                return;
            }
            if (values.status(row.get("status"), false, where) != Status.ACTIVE) {
                return;
            }
            byUser.computeIfAbsent(user, k -> new ArrayList<>(2)).add(new User.UserRole(
                    values.enumValue(row.get("roleType"), LenientValues.ROLE_TYPES, "roleType", where),
                    values.role(row.get("role"), where), LenientValues.emptyToNull(row.get("orgSourcedId")),
                    LenientValues.emptyToNull(row.get("userProfileSourcedId")),
                    values.date(row.get("beginDate"), where), values.date(row.get("endDate"), where)));
        }, Set.of("userSourcedId", "role"));
        return byUser;
    }

    private Map<String, List<User.UserProfile>> loadProfiles(ReadReport report) {
        Map<String, List<User.UserProfile>> byUser = new HashMap<>();
        String fileName = fileFor("userProfiles", report);
        if (fileName == null) {
            return byUser;
        }
        Set<String> required = Set.of("userSourcedId", "profileType", "vendorId");
        Set<String> header = header(fileName);
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(header);
        if (!missing.isEmpty()) {
            // Optional file: a malformed one costs the profiles, not the roster.
            report.warn(Leniency.FILE_QUIRK, fileName, "lacks the columns " + String.join(", ", missing)
                    + "; user profiles were not read");
            return byUser;
        }
        forEachRow(fileName, report, (row, line) -> {
            String user = row.get("userSourcedId");
            if (LenientValues.blank(user)) {
                report.error(fileName + " line " + line + ": no userSourcedId; profile skipped");
                return;
            }
            byUser.computeIfAbsent(user, k -> new ArrayList<>(1)).add(new User.UserProfile(row.get("sourcedId"),
                    row.get("profileType"), row.get("vendorId"), row.get("applicationId"), row.get("description"),
                    row.get("credentialType"), row.get("username")));
        }, required);
        return byUser;
    }

    /** The file to read for a stem, honouring the manifest; null when absent. */
    private String fileFor(String stem, ReadReport report) {
        String mode = manifest.get("file." + stem);
        String actual = source.find(stem + ".csv");
        if (mode == null || mode.isEmpty()) {
            if (actual != null) {
                report.warn(Leniency.FILE_QUIRK, "manifest.csv", "no bulk/delta value for file." + stem + " although "
                        + actual + " is present; read as bulk");
            } else {
                return null;
            }
        } else if (mode.equalsIgnoreCase("absent")) {
            return null;
        } else if (actual == null) {
            throw new SisException.InvalidData("manifest.csv lists " + stem + ".csv as " + mode + " but "
                    + source.describe() + " does not contain it.");
        }
        if (!actual.equals(stem + ".csv") && !actual.endsWith("/" + stem + ".csv")) {
            report.warn(Leniency.FILE_QUIRK, actual, "file name differs from " + stem + ".csv in letter case or folder");
        }
        return actual;
    }

    private Set<String> header(String fileName) {
        try (InputStream in = source.open(fileName); Reader reader = utf8(in);
             CsvReader<CsvRecord> csv = csvReader(reader)) {
            for (CsvRecord r : csv) {
                Set<String> names = new HashSet<>();
                for (String f : r.getFields()) {
                    names.add(clean(f));
                }
                return names;
            }
            return Set.of();
        } catch (IOException e) {
            throw new SisException.InvalidData(fileName + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A CSV row with columns looked up by header name. */
    static final class Row {
        private final Map<String, Integer> columns;
        private CsvRecord record;

        Row(Map<String, Integer> columns) {
            this.columns = columns;
        }

        /** The trimmed value, or null when the column is absent or the field blank. */
        String get(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= record.getFieldCount()) {
                return null;
            }
            String v = record.getField(i);
            if (v.isEmpty()) {
                return null;
            }
            String t = v.strip();
            return t.isEmpty() ? null : t;
        }
    }

    interface RowHandler {
        void handle(Row row, long line);
    }

    private void forEachRow(String fileName, ReadReport report, RowHandler handler, Set<String> requiredColumns) {
        try (InputStream in = source.open(fileName); Reader reader = utf8(in);
             CsvReader<CsvRecord> csv = csvReader(reader)) {
            Row row = null;
            for (CsvRecord record : csv) {
                if (row == null) {
                    row = new Row(columns(fileName, record, requiredColumns, report));
                    continue;
                }
                if (record.getFieldCount() == 1 && record.getField(0).isBlank()) {
                    continue;
                }
                row.record = record;
                handler.handle(row, record.getStartingLineNumber());
            }
            if (row == null) {
                report.warn(Leniency.FILE_QUIRK, fileName, "is empty (not even a header)");
            }
        } catch (UncheckedIOException e) {
            throw notReadable(fileName, e.getCause());
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            // FastCSV wraps what the stream threw (our zip caps, decoding errors) in its own exception.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof SisException se) {
                    throw se;
                }
                if (c instanceof IOException io) {
                    throw notReadable(fileName, io);
                }
            }
            throw new SisException.InvalidData(fileName + " in " + source.describe() + " is not valid CSV: " + e.getMessage(), e);
        } catch (IOException e) {
            throw notReadable(fileName, e);
        }
    }

    private SisException notReadable(String fileName, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new SisException.InvalidData(fileName + " in " + source.describe()
                    + " is not UTF-8 text (OneRoster CSV must be UTF-8). Export it again as UTF-8.", e);
        }
        return new SisException.InvalidData(fileName + " in " + source.describe() + " cannot be read: " + e.getMessage(), e);
    }

    private Map<String, Integer> columns(String fileName, CsvRecord header, Set<String> required, ReadReport report) {
        Map<String, Integer> columns = new HashMap<>();
        Map<String, String> lowerToStandard = new HashMap<>();
        for (int i = 0; i < header.getFieldCount(); i++) {
            String name = clean(header.getField(i));
            if (!name.isEmpty()) {
                columns.putIfAbsent(name, i);
                lowerToStandard.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        if (!columns.containsKey("dateLastModified") && columns.containsKey("dataLastModified")) {
            // Seen in a real 1.2 export: a typo in the header. The values are still timestamps.
            columns.put("dateLastModified", columns.get("dataLastModified"));
            report.warn(Leniency.FILE_QUIRK, fileName, "header says dataLastModified; read as dateLastModified");
        }
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if (!columns.containsKey(r)) {
                String other = lowerToStandard.get(r.toLowerCase(Locale.ROOT));
                if (other != null) {
                    columns.put(r, columns.get(other));
                    report.warn(Leniency.FILE_QUIRK, fileName, "column " + other + " read as " + r);
                } else {
                    missing.add(r);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new SisException.InvalidData(fileName + " in " + source.describe() + " has no "
                    + String.join(", ", missing) + " column, so its rows cannot be read.");
        }
        return columns;
    }

    private static String clean(String headerField) {
        String s = headerField.strip();
        return s.startsWith("\uFEFF") ? s.substring(1).strip() : s;
    }

    /** Strict UTF-8: a Latin-1 file fails with a clear message instead of turning names into mojibake. */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static CsvReader<CsvRecord> csvReader(Reader reader) {
        return CsvReader.builder()
                .allowMissingFields(true)
                .allowExtraFields(true)
                .skipEmptyLines(true)
                .ofCsvRecord(reader);
    }

    @Override
    public List<Org> listSchools() {
        List<Org> schools = new ArrayList<>();
        read(RosterCollection.ORGS, null, r -> {
            if (((Org) r).isSchool()) {
                schools.add((Org) r);
            }
        }, new ReadReport());
        return schools;
    }

    @Override
    public List<Course> listCourses(Collection<String> schoolSourcedIds) {
        Set<String> wanted = new HashSet<>(schoolSourcedIds);
        List<Course> courses = new ArrayList<>();
        read(RosterCollection.COURSES, null, r -> {
            if (wanted.contains(((Course) r).orgSourcedId())) {
                courses.add((Course) r);
            }
        }, new ReadReport());
        return courses;
    }

    @Override
    public List<AcademicSession> listAcademicSessions() {
        List<AcademicSession> sessions = new ArrayList<>();
        read(RosterCollection.ACADEMIC_SESSIONS, null, r -> sessions.add((AcademicSession) r), new ReadReport());
        return sessions;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException ignored) {
            // read-only source
        }
    }
}
