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
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("setting keys are lower-case words joined by hyphens, got " + key);
        }
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
