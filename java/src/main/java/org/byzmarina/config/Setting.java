package org.byzmarina.config;

/**
 * One run setting, declared once: its key (the flag without its dashes and the JSON key), group,
 * type, default and one-line doc. A switch (a flag without a value) may have a --no- form, which
 * states "off" explicitly (it then wins over a preset).
 *
 * @param defaultValue the default, or null where it is derived or absent
 * @param defaultText  how help shows the default ("1.0", "n", "a quarter epoch")
 */
public record Setting<T>(String key, Group group, SettingType<T> type, T defaultValue, String defaultText, String doc,
                         boolean negatable) {
    public Setting {
        if (!isKey(key)) {
            throw new IllegalArgumentException("setting keys are lower-case words joined by hyphens, got " + key);
        }
    }

    /** [a-z][a-z0-9-]* (a loop, not a regex: every setting is checked at start-up). */
    private static boolean isKey(String key) {
        if (key.isEmpty() || key.charAt(0) < 'a' || key.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A setting with a default shown as its value. */
    public static <T> Setting<T> of(String key, Group group, SettingType<T> type, T defaultValue, String doc) {
        return new Setting<>(key, group, type, defaultValue, defaultValue == null ? "" : String.valueOf(type.show(defaultValue)),
                doc, false);
    }

    /** A setting whose default is derived (or absent) and described in words. */
    public static <T> Setting<T> derived(String key, Group group, SettingType<T> type, String defaultText, String doc) {
        return new Setting<>(key, group, type, null, defaultText, doc, false);
    }

    /** A switch (off unless given); {@code negatable} adds its --no- form. */
    public static Setting<Boolean> flag(String key, Group group, String doc, boolean negatable) {
        return new Setting<>(key, group, SettingType.SWITCH, false, "off", doc, negatable);
    }

    public boolean isSwitch() {
        return type == SettingType.SWITCH;
    }

    public String flag() {
        return "--" + key;
    }
}
