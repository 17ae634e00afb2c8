package io.rosterline.sis.oneroster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.SisException;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.PercentEncoding;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OneRoster REST reader (1.1 at .../ims/oneroster/v1p1, 1.2 at .../ims/oneroster/rostering/v1p2).
 *
 * <p>Paging is limit/offset with sort=sourcedId. Where the next page is depends on what the server tells us: a
 * Link rel="next" header wins; else X-Total-Count; else we read until an empty page. The offset always advances by the
 * number of records actually received, never by the limit we asked for, because servers clamp the limit (Ed-Fi to
 * 500) and a short page therefore does not mean the last page.
 */
public final class OneRosterRestReader implements RosterReader {

    public enum Version {
        V1P1("OneRoster 1.1"), V1P2("OneRoster 1.2");

        final String label;

        Version(String label) {
            this.label = label;
        }
    }

    /**
     * @param baseUrl  as the district gives it, e.g. https://sis.example.org/ims/oneroster/v1p1
     * @param pageSize the limit we ask for; servers may give fewer
     */
    public record Config(URI baseUrl, Authenticator auth, int pageSize, HttpSettings http, Version version) {
        public Config {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be positive");
            }
            if (version == Version.V1P2 && auth instanceof OAuth1Signer) {
                throw new IllegalArgumentException("OneRoster 1.2 uses OAuth 2 only");
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    private final Config config;
    private final SisHttp http;
    private final String base;

    public OneRosterRestReader(Config config, SisHttp http) {
        this.config = config;
        this.http = http;
        String b = config.baseUrl().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public OneRosterRestReader(Config config) {
        this(config, new SisHttp(config.http(), "The " + config.version().label + " server"));
    }

    @Override
    public void read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report) {
        read(Endpoint.of(collection), since, consumer, report);
    }

    /** Streams any endpoint, including nested ones such as {@link Endpoint#classesOfSchool(String)}. */
    public void read(Endpoint endpoint, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report) {
        read(endpoint, since, null, consumer, report);
    }

    /**
     * Streams an endpoint with a OneRoster filter of the caller's, e.g. {@code familyName='Van Der Berg'}. With
     * {@code since} the delta predicate is joined to it with AND. The filter is percent-encoded once and signed
     * exactly as sent.
     */
    public void read(Endpoint endpoint, Instant since, String filter, Consumer<? super RosterRecord> consumer,
                     ReadReport report) {
        OneRosterJsonMapper mapper = new OneRosterJsonMapper(report);
        RosterCollection collection = endpoint.collection();
        // Enrollments, most of any roster, are mapped straight from the parser; the rest from one small tree each.
        readPages(endpoint.path(), collection.oneRosterName(), filter(filter, since), report, p -> {
            RosterRecord record = collection == RosterCollection.ENROLLMENTS ? mapper.mapEnrollment(p)
                    : mapper.map(collection, p.readValueAsTree());
            if (record == null) {
                return null;
            }
            consumer.accept(record);
            report.counted(collection);
            return record.sourcedId();
        });
    }

    /**
     * Streams a collection the model has no place for (libre-oneroster's periods and subjects, vendor extensions) as
     * raw records: the common fields read leniently, references resolved to sourcedIds, the rest left as JSON.
     *
     * @param path     relative to the base URL, e.g. "periods"
     * @param envelope the list's key in the response, usually the same as the path
     */
    public void readRaw(String path, String envelope, Instant since, Consumer<? super OneRosterRawRecord> consumer,
                        ReadReport report) {
        OneRosterJsonMapper mapper = new OneRosterJsonMapper(report);
        readPages(path, envelope, filter(null, since), report, p -> {
            OneRosterRawRecord record = mapper.mapRaw(envelope, p.readValueAsTree());
            if (record == null) {
                return null;
            }
            consumer.accept(record);
            return record.sourcedId();
        });
    }

    private static String filter(String filter, Instant since) {
        if (since == null) {
            return filter == null || filter.isBlank() ? null : filter;
        }
        return filter == null || filter.isBlank() ? deltaFilter(since) : filter + " AND " + deltaFilter(since);
    }

    /** Reads, maps and delivers the record at the parser (its START_OBJECT); returns its sourcedId, or null. */
    @FunctionalInterface
    private interface RecordSink {
        String deliver(JsonParser p) throws IOException;
    }

    /**
     * The paging loop. The next page is requested while the current one is parsed ({@link PagePrefetch}): when the
     * server names it (Link rel="next") that page is exact; otherwise its offset is guessed from the size of the
     * previous page, and a wrong guess (a clamped or short page) is dropped and the right page fetched instead.
     */
    private void readPages(String path, String envelope, String filter, ReadReport report, RecordSink sink) {
        long offset = 0;
        URI next = pageUri(path, offset, filter);
        boolean serverLinks = false;
        String previousFirstId = null;
        // How many records the next page probably holds: what the previous one held (servers clamp the limit).
        long step = config.pageSize();
        PagePrefetch ahead = null;
        try {
            while (next != null) {
                PagePrefetch ready = null;
                if (ahead != null) {
                    if (ahead.uri.equals(next)) {
                        ready = ahead;
                    } else {
                        ahead.discard();
                    }
                    ahead = null;
                }
                PageResult page = null;
                String totalHeader = null;
                String linkHeader = null;
                // A connection cut mid-body is retried by fetching the same page again and skipping the records
                // already handed to the consumer (the page is stable: sort=sourcedId, same offset or same next link).
                int delivered = 0;
                for (int attempt = 0; page == null; attempt++) {
                    SisHttp.Response response;
                    InputStream body;
                    if (ready != null) {
                        PagePrefetch.Fetched fetched = ready.take();
                        ready = null;
                        if (fetched.bodyFailure() != null) {
                            if (attempt >= http.settings().retry().maxRetries()) {
                                throw broken(path, attempt, fetched.bodyFailure());
                            }
                            continue;
                        }
                        response = fetched.response();
                        body = fetched.body();
                    } else {
                        response = http.get(next, config.auth(), "application/json");
                        body = response.body();
                    }
                    try (response) {
                        rejectNonJson(response, path);
                        totalHeader = response.header("X-Total-Count");
                        linkHeader = response.header("Link");
                        if (ahead == null) {
                            URI guess = guessNext(linkHeader, serverLinks, totalHeader, offset, step, next, path, filter);
                            if (guess != null) {
                                ahead = PagePrefetch.start(guess, http, config.auth());
                            }
                        }
                        page = readPage(body, path, envelope, sink, report, next, delivered);
                    } catch (BrokenPage b) {
                        delivered = b.delivered;
                        if (attempt >= http.settings().retry().maxRetries()) {
                            throw broken(path, attempt, b.getCause());
                        }
                    }
                }
                if (page.count == 0) {
                    break;
                }
                if (page.firstId != null && page.firstId.equals(previousFirstId)) {
                    throw new SisException.NotOneRoster(label() + " returned the same page twice for " + path
                            + " (it seems to ignore offset); stopped to avoid reading forever.");
                }
                previousFirstId = page.firstId;
                offset += page.count;
                step = page.count;
                URI linkNext = linkNext(linkHeader, next);
                serverLinks |= linkHeader != null && !linkHeader.isBlank();
                if (linkNext != null) {
                    next = linkNext;
                } else if (total(totalHeader) >= 0) {
                    next = offset < total(totalHeader) ? pageUri(path, offset, filter) : null;
                } else if (serverLinks) {
                    next = null;
                } else {
                    next = pageUri(path, offset, filter);
                }
            }
        } finally {
            if (ahead != null) {
                ahead.discard();
            }
        }
    }

    /** Which page to request ahead, judged from the current page's headers; null when there is none. */
    private URI guessNext(String linkHeader, boolean serverLinks, String totalHeader, long offset, long step, URI current,
                          String path, String filter) {
        URI linkNext = linkNext(linkHeader, current);
        if (linkNext != null) {
            return linkNext;
        }
        if (serverLinks || (linkHeader != null && !linkHeader.isBlank())) {
            // The server pages by links and names no next page: this is the last one.
            return null;
        }
        long total = total(totalHeader);
        if (total >= 0) {
            return offset + step < total ? pageUri(path, offset + step, filter) : null;
        }
        // Neither count nor links: the read ends at an empty page. Guess only once a page came back full, so that a
        // small collection costs no extra request and a clamping server no wasted ones.
        return offset > 0 && step == config.pageSize() ? pageUri(path, offset + step, filter) : null;
    }

    private static long total(String totalHeader) {
        return totalHeader != null && totalHeader.trim().matches("\\d{1,18}") ? Long.parseLong(totalHeader.trim()) : -1;
    }

    private SisException broken(String path, int attempt, Throwable cause) {
        return new SisException.Unreachable("The connection to " + label() + " broke " + (attempt + 1)
                + " times while reading " + path + ": " + cause.getMessage(), cause);
    }

    private record PageResult(int count, String firstId) {
    }

    /** The body broke off after {@code delivered} records of the page had been handed on. */
    private static final class BrokenPage extends RuntimeException {
        final int delivered;

        BrokenPage(int delivered, IOException cause) {
            super(cause);
            this.delivered = delivered;
        }
    }

    /** Streams one page; the first {@code skip} records were delivered by an earlier, broken attempt. */
    private PageResult readPage(InputStream body, String path, String envelope, RecordSink sink, ReadReport report,
                                URI uri, int skip) {
        int count = 0;
        String firstId = null;
        boolean found = false;
        List<String> otherKeys = new ArrayList<>();
        JsonNode imsx = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SisException.NotOneRoster(label() + " answered " + path
                        + " with JSON that is not an object; this is not a OneRoster response.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(envelope) && t == JsonToken.START_ARRAY) {
                    found = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (count < skip) {
                            // Delivered by an earlier, broken attempt: only its id matters (same-page check).
                            JsonNode node = p.readValueAsTree();
                            count++;
                            if (firstId == null) {
                                firstId = OneRosterJsonMapper.text(node, "sourcedId");
                            }
                            continue;
                        }
                        // Counted once delivered: a body that breaks inside a record leaves it for the retry.
                        String id = sink.deliver(p);
                        count++;
                        if (firstId == null) {
                            firstId = id;
                        }
                    }
                } else if (name.equals(envelope) && t == JsonToken.VALUE_NULL) {
                    found = true;
                    report.warn(Leniency.NULL_FIELD, path, envelope + " is null; read as an empty page");
                } else if (name.startsWith("imsx_") || name.equals("statusInfoSet")) {
                    JsonNode n = p.readValueAsTree();
                    imsx = JSON.createObjectNode().set(name, n);
                } else {
                    if (otherKeys.size() < 5) {
                        otherKeys.add(name);
                    }
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            // The body ended mid-document: a cut connection, not a malformed answer.
            throw new BrokenPage(Math.max(skip, count), e);
        } catch (JsonProcessingException e) {
            throw new SisException.NotOneRoster(label() + " sent invalid JSON for " + path + " at line "
                    + e.getLocation().getLineNr() + "; this is not a OneRoster response.");
        } catch (IOException e) {
            throw new BrokenPage(Math.max(skip, count), e);
        }
        if (!found) {
            String said = imsx == null ? "" : " The server said: " + io.rosterline.sis.http.ImsxStatus.describe(imsx.toString());
            throw new SisException.NotOneRoster(label() + " answered " + uri.getRawPath() + " with HTTP 200 but without the '"
                    + envelope + "' list" + (otherKeys.isEmpty() ? "" : " (it sent " + String.join(", ", otherKeys) + ")")
                    + ". The base URL may point to something that is not a " + config.version().label + " API." + said);
        }
        return new PageResult(count, firstId);
    }

    private void rejectNonJson(SisHttp.Response response, String path) {
        String type = response.header("Content-Type");
        if (type != null && (type.contains("html") || type.contains("xml"))) {
            throw new SisException.NotOneRoster(label() + " answered " + path + " with " + type
                    + " instead of JSON; the base URL probably points to a web page or login portal, not the "
                    + config.version().label + " API.");
        }
    }

    URI pageUri(String path, long offset, String filter) {
        StringBuilder sb = new StringBuilder(base).append('/').append(path)
                .append("?limit=").append(config.pageSize())
                .append("&offset=").append(offset)
                .append("&sort=sourcedId");
        if (filter != null) {
            sb.append("&filter=").append(PercentEncoding.encode(filter));
        }
        return URI.create(sb.toString());
    }

    /** OneRoster filter for a delta read: dateLastModified>'2026-01-31T00:00:00Z'. */
    public static String deltaFilter(Instant since) {
        return "dateLastModified>'" + since + "'";
    }

    /** The rel="next" target of a Link header, resolved against the current page (servers send relative links). */
    static URI linkNext(String linkHeader, URI current) {
        if (linkHeader == null) {
            return null;
        }
        Matcher m = LINK_NEXT.matcher(linkHeader);
        while (m.find()) {
            String target = m.group(1).trim();
            if (!target.isEmpty()) {
                return current.resolve(target);
            }
        }
        return null;
    }

    private String label() {
        return "The " + config.version().label + " server";
    }

    @Override
    public List<Org> listSchools() {
        List<Org> schools = new ArrayList<>();
        read(Endpoint.schools(), null, r -> schools.add((Org) r), new ReadReport());
        return schools;
    }

    @Override
    public List<Course> listCourses(Collection<String> schoolSourcedIds) {
        List<Course> courses = new ArrayList<>();
        for (String school : schoolSourcedIds) {
            read(Endpoint.coursesOfSchool(school), null, r -> courses.add((Course) r), new ReadReport());
        }
        return courses;
    }

    @Override
    public List<AcademicSession> listAcademicSessions() {
        List<AcademicSession> sessions = new ArrayList<>();
        read(Endpoint.of(RosterCollection.ACADEMIC_SESSIONS), null, r -> sessions.add((AcademicSession) r), new ReadReport());
        return sessions;
    }
}
