package org.byzmarina.cli;

import com.beust.jcommander.IParameterizedParser;
import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameterized;
import com.beust.jcommander.WrappedParameter;
import com.beust.jcommander.parser.DefaultParameterizedParser;
import java.lang.reflect.Proxy;
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
        return (Parameter) Proxy.newProxyInstance(Parameter.class.getClassLoader(), new Class<?>[] {Parameter.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "names":
                            return new String[] {flag};
                        case "description":
                            return doc;
                        case "arity":
                            return arity;
                        case "annotationType":
                            return Parameter.class;
                        case "hashCode":
                            return flag.hashCode();
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "@Parameter(" + flag + ")";
                        default:
                            return method.getDefaultValue();
                    }
                });
    }
}
