package org.byzmarina.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the JSON files a user writes (run configs, sweep files) and the ones byzmarina writes
 * (sweep.json, run.json), strictly: one JSON value and nothing after it, no key twice in an object,
 * and numbers kept exact so that none wraps or rounds silently. A number with a fraction or an
 * exponent becomes a double when a double holds it (±1.8e308, not rounded to 0); otherwise it stays an
 * exact decimal node, and an integer beyond 64 bits stays a big-integer node, for the consumer to
 * refuse with the value as written. Errors name the file and, where there is one, the line.
 */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A file's JSON and the line of each object member, by JSON pointer ("/base/clients"). */
    public record Document(Path file, JsonNode root, Map<String, Integer> lines) {
        /** "FILE:LINE" of the member at pointer, or "FILE" if it has no line. */
        public String where(String pointer) {
            Integer line = lines.get(pointer);
            return line == null ? file.toString() : file + ":" + line;
        }
    }

    private JsonFiles() {
    }

    /** Reads the file's JSON value. @throws InputException naming the file, the line and the problem */
    public static JsonNode read(Path file) {
        return parse(file, false).root();
    }

    /** Reads the file's JSON value and the line of each object member. @throws InputException as {@link #read} */
    public static Document readWithLines(Path file) {
        return parse(file, true);
    }

    private static Document parse(Path file, boolean withLines) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read it (" + AtomicFiles.reason(e) + ")");
        }
        JsonNode root;
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            root = JSON.readTree(p); // one value
            if (root == null || root.isMissingNode()) {
                throw new InputException(file + ": empty (no JSON value)");
            }
            JsonLocation after;
            try {
                JsonToken next = p.nextToken();
                after = next == null ? null : p.currentTokenLocation();
            } catch (JsonProcessingException e) {
                after = e.getLocation();
            }
            if (after != null) {
                throw new InputException(where(file, after) + ": content after the JSON value (a config holds one JSON value)");
            }
        } catch (JsonProcessingException e) {
            // Jackson's own words (it quotes at most 256 characters of a token); the CLI cuts long quotes
            throw new InputException(where(file, e.getLocation()) + ": not valid JSON (" + UserText.escape(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read it (" + AtomicFiles.reason(e) + ")");
        }
        root = exact(root);
        Map<String, Integer> lines = new HashMap<>();
        if (withLines) {
            try (JsonParser p = JSON.getFactory().createParser(bytes)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME) {
                        lines.put(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                    }
                }
            } catch (IOException e) {
                // parsed once already; lines are only a help for messages
            }
        }
        return new Document(file, root, lines);
    }

    /**
     * A command-line value read as one JSON scalar (number, string, boolean, null) with exact numbers,
     * as in a file; null if it is not one (the caller takes it as a word).
     */
    public static JsonNode scalar(String text) {
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            JsonNode v = JSON.readTree(p);
            if (v == null || v.isMissingNode() || v.isContainerNode() || p.nextToken() != null) {
                return null;
            }
            return exact(v);
        } catch (IOException e) {
            return null;
        }
    }

    private static String where(Path file, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? file.toString() : file + ":" + at.getLineNr();
    }

    /** Turns decimal nodes that a double holds into double nodes (recursively); returns the node to use. */
    private static JsonNode exact(JsonNode n) {
        if (n.isBigDecimal()) {
            double d = n.decimalValue().doubleValue();
            boolean holds = Double.isFinite(d) && (d != 0 || n.decimalValue().signum() == 0);
            return holds ? DoubleNode.valueOf(d) : n;
        }
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(exact(e.getValue()));
            }
        } else if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, exact(a.get(i)));
            }
        }
        return n;
    }
}
