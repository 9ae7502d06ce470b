package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: strict JSON files (one value, no repeated key) with exact numbers and lines for messages. */
class JsonFilesTest {
    @TempDir
    Path dir;

    Path file(String text) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void contentAfterTheValueIsRefusedWithItsLine() throws Exception {
        for (String text : new String[] {"{\"clients\": 20} garbage", "{\"clients\": 20}\n\n]", "{\"a\": 1} {\"b\": 2}", "1 2"}) {
            Path f = file(text);
            InputException e = assertThrows(InputException.class, () -> JsonFiles.read(f), text);
            assertTrue(e.getMessage().startsWith(f + ":") && e.getMessage().contains("content after the JSON value"), e.getMessage());
        }
        Path f = file("{\"clients\": 20}\n\n]");
        assertTrue(assertThrows(InputException.class, () -> JsonFiles.read(f)).getMessage().startsWith(f + ":3: "));
    }

    @Test
    void numbersStayExact() throws Exception {
        JsonNode n = JsonFiles.read(file("{\"big\": 18446744073709551636, \"huge\": 1e400, \"tiny\": 1e-400, \"step\": 0.1,"
                + " \"int\": 5, \"max\": 9223372036854775807}"));
        assertTrue(n.get("big").isBigInteger());
        assertEquals(new BigInteger("18446744073709551636"), n.get("big").bigIntegerValue());
        assertTrue(n.get("huge").isBigDecimal(), "no double holds 1e400: kept exact");
        assertEquals("1e400", UserText.json(n.get("huge")));
        assertTrue(n.get("tiny").isBigDecimal(), "1e-400 is not rounded to 0");
        assertTrue(n.get("step").isDouble());
        assertEquals(0.1, n.get("step").doubleValue());
        assertTrue(n.get("int").isInt());
        assertEquals(Long.MAX_VALUE, n.get("max").longValue());
    }

    @Test
    void membersKnowTheirLines() throws Exception {
        Path f = file("{\n  \"clients\": 20,\n  \"base\": {\n    \"step\": 0.1\n  }\n}");
        JsonFiles.Document d = JsonFiles.readWithLines(f);
        assertEquals(f + ":2", d.where("/clients"));
        assertEquals(f + ":4", d.where("/base/step"));
        assertEquals(f.toString(), d.where("/nothing"));
    }

    @Test
    void repeatedKeysEmptyFilesAndGarbageAreOneLineErrors() throws Exception {
        for (String text : new String[] {"{\"a\": 1, \"a\": 2}", "", "\u0000\u0001\u00ff binary", "{\"a\": "}) {
            Path f = file(text);
            InputException e = assertThrows(InputException.class, () -> JsonFiles.read(f), text);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void commandLineScalarsAreExactToo() {
        assertTrue(JsonFiles.scalar("18446744073709551636").isBigInteger());
        assertTrue(JsonFiles.scalar("1e400").isBigDecimal());
        assertEquals(0.5, JsonFiles.scalar("0.5").doubleValue());
        assertEquals(null, JsonFiles.scalar("abc"));
        assertEquals(null, JsonFiles.scalar("1 2"));
        assertEquals(null, JsonFiles.scalar("[1]"));
    }
}
