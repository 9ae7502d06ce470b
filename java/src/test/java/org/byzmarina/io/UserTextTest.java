package org.byzmarina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 9: values in messages are shown as written, on one line, cut to 80 characters. */
class UserTextTest {
    @Test
    void longValuesAreCutTo80Characters() {
        String tenMb = "a".repeat(10_000_000);
        assertEquals("a".repeat(80) + "… (10000000 characters)", UserText.show(tenMb));
        assertEquals("'" + "a".repeat(80) + "… (81 characters)'", UserText.quote("a".repeat(81)));
        assertEquals("exactly".repeat(12).substring(0, 80), UserText.show("exactly".repeat(12).substring(0, 80)));
    }

    @Test
    void controlCharactersAndGarbageStayOnOneLine() {
        assertEquals("a\\nb\\tc\\u0000\\u001b[31m", UserText.show("a\nb\tc\u0000\u001b[31m"));
        String shown = UserText.show(new String(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 7}, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(shown.matches("[\\x20-\\x7e]*"), shown);
    }

    @Test
    void unicodeIsKeptAndCountedByCharacter() {
        assertEquals("é中🙂", UserText.show("é中🙂"));
        assertEquals("🙂".repeat(80) + "… (81 characters)", UserText.show("🙂".repeat(81)));
    }
}
