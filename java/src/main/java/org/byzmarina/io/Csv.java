package org.byzmarina.io;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: a cell holding a comma, a quote, a line break or surrounding spaces is
 * quoted, with quotes doubled; anything else (unicode included) is written as is. The reader takes
 * back everything the writer writes, and LF or CRLF line ends.
 */
public final class Csv {
    private Csv() {
    }

    /** One cell, quoted if it must be. */
    public static String cell(String value) {
        boolean quote = value.isEmpty() ? false
                : value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                        || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** One line (without its line end) of the given cells. */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.toString();
    }

    /**
     * The records of a CSV text; a final line end is optional, and a text without records gives an
     * empty list.
     *
     * @throws IllegalArgumentException naming the line if a quoted cell is not closed or text follows
     *                                  its closing quote
     */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int i = 0;
        int n = text.length();
        if (n == 0) {
            return records;
        }
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                int startLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("line " + startLine + ": a quoted cell is not closed");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                    }
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("line " + line + ": text after a quoted cell");
                }
            } else {
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    cell.append(text.charAt(i++));
                }
            }
            record.add(cell.toString());
            cell.setLength(0);
            if (i < n && text.charAt(i) == ',') {
                i++;
                continue;
            }
            // end of record: \r\n, \n, \r or the end of the text
            records.add(record);
            record = new ArrayList<>();
            if (i < n && text.charAt(i) == '\r') {
                i++;
            }
            if (i < n && text.charAt(i) == '\n') {
                i++;
            }
            line++;
            if (i >= n) {
                return records;
            }
        }
    }
}
