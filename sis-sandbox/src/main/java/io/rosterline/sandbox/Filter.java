package io.rosterline.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * OneRoster filter expressions: {@code field op 'value'} predicates joined by AND / OR
 * (AND binds tighter). Operators: = != > >= < <= ~ (contains). Values compare as instants when both
 * sides parse as dates, otherwise as case-insensitive strings (contains) or exact strings.
 */
final class Filter {

    record Predicate(String field, String op, String value, Long valueMillis) {
    }

    /** Disjunction of conjunctions. */
    final List<List<Predicate>> anyOf;
    final String text;

    private Filter(List<List<Predicate>> anyOf, String text) {
        this.anyOf = anyOf;
        this.text = text;
    }

    static final class FilterException extends RuntimeException {
        FilterException(String message) {
            super(message);
        }
    }

    static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<List<Predicate>> anyOf = new ArrayList<>();
        List<Predicate> all = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpaces(text, i);
            int fieldStart = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '_')) {
                i++;
            }
            String field = text.substring(fieldStart, i);
            if (field.isEmpty()) {
                throw new FilterException("expected a field name at position " + fieldStart + " of filter: " + text);
            }
            i = skipSpaces(text, i);
            String op;
            if (text.startsWith(">=", i) || text.startsWith("<=", i) || text.startsWith("!=", i)) {
                op = text.substring(i, i + 2);
                i += 2;
            } else if (i < n && "=<>~".indexOf(text.charAt(i)) >= 0) {
                op = text.substring(i, i + 1);
                i++;
            } else {
                throw new FilterException("expected an operator (=, !=, >, >=, <, <=, ~) after '" + field + "' in filter: " + text);
            }
            i = skipSpaces(text, i);
            if (i >= n || text.charAt(i) != '\'') {
                throw new FilterException("expected a quoted value after '" + field + op + "' in filter: " + text);
            }
            int close = text.indexOf('\'', i + 1);
            if (close < 0) {
                throw new FilterException("unterminated quoted value in filter: " + text);
            }
            String value = text.substring(i + 1, close);
            i = close + 1;
            all.add(new Predicate(field, op, value, Iso.parseMillis(value)));
            i = skipSpaces(text, i);
            if (i >= n) {
                break;
            }
            if (text.regionMatches(true, i, "AND", 0, 3)) {
                i += 3;
            } else if (text.regionMatches(true, i, "OR", 0, 2)) {
                anyOf.add(all);
                all = new ArrayList<>();
                i += 2;
            } else {
                throw new FilterException("expected AND or OR at position " + i + " of filter: " + text);
            }
        }
        anyOf.add(all);
        return new Filter(anyOf, text);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Field values of one record, looked up by name; null means "no such field" for that collection. */
    interface Fields {
        String get(String field);

        /** Fast path for timestamp fields (avoids formatting and re-parsing); null when not a timestamp. */
        default Long millis(String field) {
            return null;
        }
    }

    boolean matches(Fields record) {
        for (List<Predicate> all : anyOf) {
            boolean ok = true;
            for (Predicate p : all) {
                if (!test(p, record)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean test(Predicate p, Fields record) {
        if (p.valueMillis() != null) {
            Long fast = record.millis(p.field());
            if (fast != null) {
                int c = Long.compare(fast, p.valueMillis());
                return switch (p.op()) {
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    default -> false;
                };
            }
        }
        String actual = record.get(p.field());
        if (actual == null) {
            return false;
        }
        int cmp;
        if (p.valueMillis() != null) {
            Long a = Iso.parseMillis(actual);
            cmp = a != null ? Long.compare(a, p.valueMillis()) : actual.compareTo(p.value());
        } else {
            cmp = actual.compareTo(p.value());
        }
        return switch (p.op()) {
            case "=" -> p.valueMillis() != null ? cmp == 0 : actual.equals(p.value());
            case "!=" -> p.valueMillis() != null ? cmp != 0 : !actual.equals(p.value());
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case "~" -> actual.toLowerCase().contains(p.value().toLowerCase());
            default -> false;
        };
    }
}
