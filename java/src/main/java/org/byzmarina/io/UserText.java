package org.byzmarina.io;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a value the user wrote is shown in a message: as written, on one line (control characters
 * escaped, so binary garbage cannot break the terminal) and cut to {@value #MAX} characters, so a
 * 10 MB argument or config string does not come back whole.
 */
public final class UserText {
    /** Longest part of a user's value a message shows. */
    public static final int MAX = 80;

    private UserText() {
    }

    /** The value on one line, at most {@value #MAX} characters of it, then "… (N characters)". */
    public static String show(String value) {
        return show(value, MAX);
    }

    /** The value on one line (control characters escaped), however long. */
    public static String escape(String value) {
        return show(value, Integer.MAX_VALUE);
    }

    private static String show(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < value.length() && shown < max) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(cp) || cp == 0xFFFD || !Character.isDefined(cp)
                    || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (i < value.length()) {
            sb.append("… (").append(value.codePointCount(0, value.length())).append(" characters)");
        }
        return sb.toString();
    }

    /** {@link #show} in single quotes: {@code 'abc'}. */
    public static String quote(String value) {
        return "'" + show(value) + "'";
    }

    /** A JSON value as written in JSON (strings in double quotes), shortened like {@link #show}. */
    public static String json(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        if (v.isBigDecimal()) { // a number no double holds, as it would be written: 1e400
            return show(v.decimalValue().toString().replace("E+", "e").replace('E', 'e'));
        }
        return show(v.toString());
    }
}
