package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters: per API group, per endpoint (method + path with ids replaced), per status and per injected fault. */
public final class Stats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    void count(String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Current value of a counter such as {@code requests.total}, {@code group.oneroster-v1p1}, {@code status.429}, {@code fault.reset}. */
    public long get(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    public void clear() {
        counters.clear();
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Path with ids folded, e.g. /ims/oneroster/v1p1/classes/{id}/students, so counts group by endpoint. */
    static String template(String path) {
        StringBuilder b = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            b.append('/');
            boolean id = part.matches("(dst|sch|as|crs|cls|stu|tch|enr)-.*") || part.chars().allMatch(Character::isDigit);
            b.append(id ? "{id}" : part);
        }
        return b.length() == 0 ? "/" : b.toString();
    }
}
