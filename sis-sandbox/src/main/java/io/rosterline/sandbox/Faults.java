package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault switches applied to data requests (OneRoster REST, CSV and PowerSchool endpoints; never to token
 * or admin endpoints). "Every N" switches count data requests; "burst" switches fail the next N data requests.
 * All fields can be changed at any time, programmatically, from the CLI or via POST /admin/faults.
 */
public final class Faults {

    /** Every Nth data request answers 429 (0 = off). */
    public volatile int http429Every;
    /** The next N data requests answer 429. */
    public final AtomicInteger http429Burst = new AtomicInteger();
    /** Retry-After seconds sent with 429 and 503. */
    public volatile int retryAfterSeconds = 1;
    /** Every Nth data request answers 503 (0 = off). */
    public volatile int http503Every;
    /** The next N data requests answer 503. */
    public final AtomicInteger http503Burst = new AtomicInteger();
    /** Delay before every data response, in milliseconds. */
    public volatile int delayMs;
    /** Page size cap whatever limit the client asks for (0 = no cap). */
    public volatile int maxLimit;
    /** Leave out X-Total-Count and Link headers (OneRoster) and count endpoints answer 404 (PowerSchool). */
    public volatile boolean omitCountHeaders;
    /** Every Nth data request has its body cut mid-stream and the connection closed (0 = off). */
    public volatile int resetEvery;
    /** The next N data requests are cut mid-body. */
    public final AtomicInteger resetBurst = new AtomicInteger();
    /** Every Nth list page returns only half its records while more exist (0 = off). */
    public volatile int shortPageEvery;
    /** Lifetime of issued access tokens, in seconds. */
    public volatile long tokenTtlSeconds = 3600;
    /**
     * Header drift: "collection.field" (e.g. "users.email") to the name the field is sent under instead, in REST JSON
     * (also in nested objects of that collection's records) and as the CSV column header. Empty: no drift.
     */
    public final Map<String, String> renamedFields = new ConcurrentHashMap<>();
    /** Appended to every user's family name (e.g. "é"): names outside ASCII, for encoding tests. Empty: off. */
    public volatile String familyNameSuffix = "";
    /**
     * Encoding drift: users' given and family names are sent as their UTF-8 bytes read as Latin-1 ("José" arrives as
     * "JosÃ©"), as when an export is converted to UTF-8 twice.
     */
    public volatile boolean latin1Misread;

    private final AtomicLong dataRequests = new AtomicLong();

    /** What to do to one data request. */
    record Decision(int status, boolean reset, boolean shortPage) {
    }

    Decision decide() {
        long n = dataRequests.incrementAndGet();
        int status = 0;
        if (take(http429Burst) || (http429Every > 0 && n % http429Every == 0)) {
            status = 429;
        } else if (take(http503Burst) || (http503Every > 0 && n % http503Every == 0)) {
            status = 503;
        }
        boolean reset = status == 0 && (take(resetBurst) || (resetEvery > 0 && n % resetEvery == 0));
        boolean shortPage = status == 0 && shortPageEvery > 0 && n % shortPageEvery == 0;
        return new Decision(status, reset, shortPage);
    }

    private static boolean take(AtomicInteger burst) {
        int v;
        do {
            v = burst.get();
            if (v <= 0) {
                return false;
            }
        } while (!burst.compareAndSet(v, v - 1));
        return true;
    }

    void copyFrom(Faults f) {
        http429Every = f.http429Every;
        http429Burst.set(f.http429Burst.get());
        retryAfterSeconds = f.retryAfterSeconds;
        http503Every = f.http503Every;
        http503Burst.set(f.http503Burst.get());
        delayMs = f.delayMs;
        maxLimit = f.maxLimit;
        omitCountHeaders = f.omitCountHeaders;
        resetEvery = f.resetEvery;
        resetBurst.set(f.resetBurst.get());
        shortPageEvery = f.shortPageEvery;
        tokenTtlSeconds = f.tokenTtlSeconds;
        renamedFields.clear();
        renamedFields.putAll(f.renamedFields);
        familyNameSuffix = f.familyNameSuffix;
        latin1Misread = f.latin1Misread;
    }

    /** A user's name as the text faults send it. */
    String name(String name, boolean family) {
        String s = family && !familyNameSuffix.isEmpty() ? name + familyNameSuffix : name;
        return latin1Misread && s != null
                ? new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1) : s;
    }

    /** The renamed fields of one collection ("users"): field to the name it is sent under; empty when none. */
    Map<String, String> renamesOf(String collection) {
        if (renamedFields.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.HashMap<>();
        renamedFields.forEach((key, name) -> {
            if (key.startsWith(collection + ".")) {
                out.put(key.substring(collection.length() + 1), name);
            }
        });
        return out;
    }

    /** Turns every switch off (token lifetime back to one hour) and restarts the request counter. */
    public void clear() {
        http429Every = 0;
        http429Burst.set(0);
        retryAfterSeconds = 1;
        http503Every = 0;
        http503Burst.set(0);
        delayMs = 0;
        maxLimit = 0;
        omitCountHeaders = false;
        resetEvery = 0;
        resetBurst.set(0);
        shortPageEvery = 0;
        tokenTtlSeconds = 3600;
        renamedFields.clear();
        familyNameSuffix = "";
        latin1Misread = false;
        dataRequests.set(0);
    }

    /** Applies the fields present in a JSON object; unknown fields are an error. */
    void apply(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Http.HttpError(400, "invalid_data", "expected a JSON object of fault switches");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "http429Every" -> http429Every = p.getIntValue();
                case "http429Burst" -> http429Burst.set(p.getIntValue());
                case "retryAfterSeconds" -> retryAfterSeconds = p.getIntValue();
                case "http503Every" -> http503Every = p.getIntValue();
                case "http503Burst" -> http503Burst.set(p.getIntValue());
                case "delayMs" -> delayMs = p.getIntValue();
                case "maxLimit" -> maxLimit = p.getIntValue();
                case "omitCountHeaders" -> omitCountHeaders = t == JsonToken.VALUE_TRUE;
                case "resetEvery" -> resetEvery = p.getIntValue();
                case "resetBurst" -> resetBurst.set(p.getIntValue());
                case "shortPageEvery" -> shortPageEvery = p.getIntValue();
                case "tokenTtlSeconds" -> tokenTtlSeconds = p.getLongValue();
                case "familyNameSuffix" -> familyNameSuffix = p.getText();
                case "latin1Misread" -> latin1Misread = t == JsonToken.VALUE_TRUE;
                case "renamedFields" -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw new Http.HttpError(400, "invalid_data", "renamedFields is an object such as {\"users.email\":\"emailAddress\"}");
                    }
                    renamedFields.clear();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        renamedFields.put(key, p.getText());
                    }
                }
                case "clear" -> {
                    if (t == JsonToken.VALUE_TRUE) {
                        clear();
                    }
                }
                default -> throw new Http.HttpError(400, "invalid_data", "unknown fault switch '" + name + "'");
            }
        }
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("http429Every", http429Every);
        g.writeNumberField("http429Burst", http429Burst.get());
        g.writeNumberField("retryAfterSeconds", retryAfterSeconds);
        g.writeNumberField("http503Every", http503Every);
        g.writeNumberField("http503Burst", http503Burst.get());
        g.writeNumberField("delayMs", delayMs);
        g.writeNumberField("maxLimit", maxLimit);
        g.writeBooleanField("omitCountHeaders", omitCountHeaders);
        g.writeNumberField("resetEvery", resetEvery);
        g.writeNumberField("resetBurst", resetBurst.get());
        g.writeNumberField("shortPageEvery", shortPageEvery);
        g.writeNumberField("tokenTtlSeconds", tokenTtlSeconds);
        g.writeStringField("familyNameSuffix", familyNameSuffix);
        g.writeBooleanField("latin1Misread", latin1Misread);
        g.writeObjectFieldStart("renamedFields");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(renamedFields).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("dataRequests", dataRequests.get());
        g.writeEndObject();
    }
}
