package org.byzmarina.cli;

import com.beust.jcommander.IParameterizedParser;
import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameterized;
import com.beust.jcommander.WrappedParameter;
import com.beust.jcommander.parser.DefaultParameterizedParser;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.byzmarina.config.Setting;
import org.byzmarina.config.Values;

/**
 * JCommander parameters made from registry settings: the flags of `run` (and a rule's options in
 * `aggregate`) exist because a component declares them, not because a field does. JCommander parses
 * the text; {@link #values()} types it with each setting's own parser, so messages name the flag,
 * what is expected and the value as written. A switch with a --no- form records an explicit "off".
 */
final class SettingParameters {
    private final List<Setting<?>> settings;
    /** key → the text given (valued settings) or TRUE/FALSE (switches, FALSE from the --no- form). */
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, Boolean> negated = new LinkedHashMap<>();

    SettingParameters(List<Setting<?>> settings) {
        this.settings = List.copyOf(settings);
    }

    /** Adds these settings' flags to a command's JCommander (call before parsing). */
    void attachTo(JCommander command) {
        IParameterizedParser fallback = new DefaultParameterizedParser();
        command.setParameterizedParser(o -> o == this ? parameters() : fallback.parseArg(o));
        command.addObject(this);
        command.createDescriptions();
    }

    /** The switch flags (a switch given twice would toggle back: the CLI refuses that). */
    List<String> switchFlags() {
        List<String> flags = new ArrayList<>();
        for (Setting<?> s : settings) {
            if (s.isSwitch()) {
                flags.add(s.flag());
                if (s.negatable()) {
                    flags.add("--no-" + s.key());
                }
            }
        }
        return flags;
    }

    /** The typed values given. @throws IllegalArgumentException naming the flag and the value */
    Values values() {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            Object v = raw.get(s.key());
            Boolean off = negated.get(s.key());
            if (off != null && v != null) {
                throw new IllegalArgumentException(s.flag() + " and --no-" + s.key() + " contradict each other");
            }
            if (off != null) {
                typed.put(s.key(), Boolean.FALSE);
            } else if (v instanceof Boolean) {
                typed.put(s.key(), v);
            } else if (v != null) {
                typed.put(s.key(), s.type().parse(s.flag(), (String) v));
            }
        }
        return new Values(typed);
    }

    private List<Parameterized> parameters() {
        List<Parameterized> list = new ArrayList<>();
        for (Setting<?> s : settings) {
            list.add(parameter(s.flag(), s.key(), s.isSwitch(), s.doc(), raw));
            if (s.negatable()) {
                list.add(parameter("--no-" + s.key(), s.key(), true, "turn off " + s.flag(), negatedView()));
            }
        }
        return list;
    }

    /** --no-KEY sets negated[KEY]. */
    private Map<String, Object> negatedView() {
        return new java.util.AbstractMap<>() {
            @Override
            public Object put(String key, Object value) {
                return negated.put(key, (Boolean) value);
            }

            @Override
            public Object get(Object key) {
                return negated.get(key);
            }

            @Override
            public java.util.Set<Entry<String, Object>> entrySet() {
                return java.util.Set.of();
            }
        };
    }

    private static Parameterized parameter(String flag, String key, boolean isSwitch, String doc, Map<String, Object> store) {
        Parameter annotation = annotation(flag, doc, isSwitch ? 0 : -1);
        Class<?> type = isSwitch ? boolean.class : String.class;
        return new Parameterized(new WrappedParameter(annotation), null, null, null) {
            @Override
            public Class<?> getType() {
                return type;
            }

            @Override
            public String getName() {
                return flag;
            }

            @Override
            public Object get(Object o) {
                Object v = store.get(key);
                return v == null && isSwitch ? Boolean.FALSE : v;
            }

            @Override
            public void set(Object o, Object value) {
                store.put(key, value);
            }

            @Override
            public Type getGenericType() {
                return type;
            }

            @Override
            public Parameter getParameter() {
                return annotation;
            }

            @Override
            public Type findFieldGenericType() {
                return null;
            }

            @Override
            public boolean isDynamicParameter() {
                return false;
            }

            @Override
            public int hashCode() {
                return flag.hashCode();
            }

            @Override
            public boolean equals(Object other) {
                return other == this;
            }
        };
    }

    /** An @Parameter instance for a flag (JCommander reads its parameters from annotations). */
    private static Parameter annotation(String flag, String doc, int arity) {
        return new FlagParameter(flag, doc, arity);
    }

    /**
     * @Parameter's values for a registry flag: names, description and arity, every other member at
     * its declared default (read once). A plain class rather than a dynamic proxy: JCommander reads
     * these members many times per flag while it builds a command, and a proxy answered each read
     * through reflection (about a tenth of a short run's start-up).
     */
    private static final class FlagParameter implements Parameter {
        private static final Parameter DEFAULTS = defaults();
        private static final String D_DEFAULTVALUEDESCRIPTION = DEFAULTS.defaultValueDescription();
        private static final boolean D_REQUIRED = DEFAULTS.required();
        private static final String D_DESCRIPTIONKEY = DEFAULTS.descriptionKey();
        private static final boolean D_PASSWORD = DEFAULTS.password();
        private static final Class<? extends com.beust.jcommander.IStringConverter<?>> D_CONVERTER = DEFAULTS.converter();
        private static final Class<? extends com.beust.jcommander.IStringConverter<?>> D_LISTCONVERTER = DEFAULTS.listConverter();
        private static final boolean D_HIDDEN = DEFAULTS.hidden();
        private static final Class<? extends com.beust.jcommander.IParameterValidator>[] D_VALIDATEWITH = DEFAULTS.validateWith();
        private static final Class<? extends com.beust.jcommander.IValueValidator>[] D_VALIDATEVALUEWITH = DEFAULTS.validateValueWith();
        private static final boolean D_VARIABLEARITY = DEFAULTS.variableArity();
        private static final Class<? extends com.beust.jcommander.converters.IParameterSplitter> D_SPLITTER = DEFAULTS.splitter();
        private static final boolean D_ECHOINPUT = DEFAULTS.echoInput();
        private static final boolean D_HELP = DEFAULTS.help();
        private static final boolean D_FORCENONOVERWRITABLE = DEFAULTS.forceNonOverwritable();
        private static final int D_ORDER = DEFAULTS.order();
        private static final String D_CATEGORY = DEFAULTS.category();
        private final String flag;
        private final String doc;
        private final int arity;

        FlagParameter(String flag, String doc, int arity) {
            this.flag = flag;
            this.doc = doc;
            this.arity = arity;
        }

        /** A field's @Parameter with nothing set: the declared defaults of every member. */
        @Parameter
        private static boolean unset;

        private static Parameter defaults() {
            try {
                return FlagParameter.class.getDeclaredField("unset").getAnnotation(Parameter.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String[] names() {
            return new String[] {flag};
        }

        @Override
        public String description() {
            return doc;
        }

        @Override
        public int arity() {
            return arity;
        }

        @Override
        public String defaultValueDescription() {
            return D_DEFAULTVALUEDESCRIPTION;
        }

        @Override
        public boolean required() {
            return D_REQUIRED;
        }

        @Override
        public String descriptionKey() {
            return D_DESCRIPTIONKEY;
        }

        @Override
        public boolean password() {
            return D_PASSWORD;
        }

        @Override
        public Class<? extends com.beust.jcommander.IStringConverter<?>> converter() {
            return D_CONVERTER;
        }

        @Override
        public Class<? extends com.beust.jcommander.IStringConverter<?>> listConverter() {
            return D_LISTCONVERTER;
        }

        @Override
        public boolean hidden() {
            return D_HIDDEN;
        }

        @Override
        public Class<? extends com.beust.jcommander.IParameterValidator>[] validateWith() {
            return D_VALIDATEWITH;
        }

        @Override
        public Class<? extends com.beust.jcommander.IValueValidator>[] validateValueWith() {
            return D_VALIDATEVALUEWITH;
        }

        @Override
        public boolean variableArity() {
            return D_VARIABLEARITY;
        }

        @Override
        public Class<? extends com.beust.jcommander.converters.IParameterSplitter> splitter() {
            return D_SPLITTER;
        }

        @Override
        public boolean echoInput() {
            return D_ECHOINPUT;
        }

        @Override
        public boolean help() {
            return D_HELP;
        }

        @Override
        public boolean forceNonOverwritable() {
            return D_FORCENONOVERWRITABLE;
        }

        @Override
        public int order() {
            return D_ORDER;
        }

        @Override
        public String category() {
            return D_CATEGORY;
        }

        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return Parameter.class;
        }

        @Override
        public int hashCode() {
            return flag.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public String toString() {
            return "@Parameter(" + flag + ")";
        }
    }
}
