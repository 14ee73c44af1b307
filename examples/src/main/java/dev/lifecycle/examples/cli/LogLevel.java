// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The CLI's log level, named as limactl's {@code --log-level} names them, applied to its
 * logging backend (slf4j-simple, which writes to stderr). It must be set before the first
 * logger exists: the options set it while the command line is read, before any command runs.
 */
enum LogLevel {
    /** Everything. */
    TRACE,
    /** The steps of every stop, as they happen. */
    DEBUG,
    /** Outcomes. */
    INFO,
    /** Warnings and errors only (the default). */
    WARN,
    /** Errors only. */
    ERROR;

    /** slf4j-simple's setting for the level of every logger without one of its own. */
    static final String DEFAULT_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** Makes this the level of every logger the process creates from now on. */
    void apply() {
        System.setProperty(DEFAULT_LEVEL_PROPERTY, name().toLowerCase(Locale.ROOT));
    }

    /** Reads limactl's level names: trace, debug, info, warn (or warning), error, and fatal and panic as error. */
    static final class Converter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            switch (v) {
                case "warning":
                    return WARN;
                case "fatal", "panic":
                    return ERROR;
                default:
                    for (LogLevel level : values()) {
                        if (level.name().toLowerCase(Locale.ROOT).equals(v)) {
                            return level;
                        }
                    }
                    throw new TypeConversionException("'" + value + "' is not a log level; use trace, debug, info, warn"
                            + " or error");
            }
        }
    }
}
