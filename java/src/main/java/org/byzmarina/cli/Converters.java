package org.byzmarina.cli;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.IStringConverterFactory;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.converters.BaseConverter;
import org.byzmarina.io.UserText;

/**
 * Number flags parsed exactly, with messages that name the flag, the allowed range and the value as
 * the user wrote it (JCommander's own say "couldn't convert" and accept 1e400 as an infinite double).
 */
final class Converters implements IStringConverterFactory {
    @Override
    public Class<? extends IStringConverter<?>> getConverter(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return IntConverter.class;
        }
        if (type == long.class || type == Long.class) {
            return LongConverter.class;
        }
        if (type == double.class || type == Double.class) {
            return DoubleConverter.class;
        }
        return null;
    }

    static ParameterException invalid(String option, String expected, String value) {
        return new ParameterException(option + " expects " + expected + ", got " + UserText.quote(value));
    }

    /** An int flag: an integer from -2^31 to 2^31 − 1. */
    public static final class IntConverter extends BaseConverter<Integer> {
        public IntConverter(String option) {
            super(option);
        }

        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw invalid(getOptionName(), "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, value);
            }
        }
    }

    /** A long flag: an integer from -2^63 to 2^63 − 1. */
    public static final class LongConverter extends BaseConverter<Long> {
        public LongConverter(String option) {
            super(option);
        }

        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw invalid(getOptionName(), "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, value);
            }
        }
    }

    /** A double flag: a finite number (1e400 is refused, not read as infinity). */
    public static final class DoubleConverter extends BaseConverter<Double> {
        public DoubleConverter(String option) {
            super(option);
        }

        @Override
        public Double convert(String value) {
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw invalid(getOptionName(), "a finite number", value);
        }
    }
}
