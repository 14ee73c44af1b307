// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How to stop: the mode and the time limits, the same for every VM type. Use
 * {@link #defaults()} or {@link #builder()}. What one VM-type extension needs (such as the
 * {@code wsl.exe} the WSL2 extension runs) is not here: the host app gives it to the stopper
 * as that extension's settings ({@code InstanceStoppers.builder().extensionSettings(...)}).
 *
 * <p>The default grace period, 3 min 10 s, is Lima's own wait: on the interrupt the host
 * agent gives QEMU up to 3 min for the guest's ACPI power-off, and {@code limactl stop}
 * waits 3 min 10 s for the host agent. A shorter grace period can kill a VM whose guest is
 * still unmounting its disks. The wait ends as soon as every process has exited, so a quick
 * guest costs nothing; a host app that must return sooner (an app quitting, a test) sets its
 * own, knowing that an expired grace period means a forced stop:
 * {@code StopOptions.builder().gracePeriod(Duration.ofSeconds(30))}.
 *
 * <p>Every duration is checked here, before anything is signalled: a negative one, a zero
 * timeout, or one longer than {@link #MAX_DURATION} (what a {@code long} of nanoseconds
 * holds, about 292 years) is refused, so no arithmetic inside a stop can overflow halfway
 * through its sequence.
 *
 * @param mode graceful-then-forced (default), forced only, or graceful only
 * @param gracePeriod how long to wait for the processes to exit after the interrupt
 *     (default 3 min 10 s, Lima's own wait; see above)
 * @param killTimeout how long to wait for a killed process to disappear (default 10 s)
 * @param commandTimeout limit for every external command such as {@code wsl.exe} (default 30 s)
 */
public record StopOptions(StopMode mode, Duration gracePeriod, Duration killTimeout, Duration commandTimeout) {

    /**
     * Default grace period: 3 min 10 s, what {@code limactl stop} waits for the host agent
     * (which gives QEMU up to 3 min for the guest's ACPI power-off).
     */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(3).plusSeconds(10);
    /** Default time to wait for a killed process to disappear. */
    public static final Duration DEFAULT_KILL_TIMEOUT = Duration.ofSeconds(10);
    /** Default timeout for external commands. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The longest duration any option accepts: {@code Long.MAX_VALUE} nanoseconds, about
     * 292 years. Deadlines are kept in nanoseconds; anything longer could not be represented.
     */
    public static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    private static final StopOptions DEFAULTS = builder().build();

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if a duration is negative or longer than
     *     {@link #MAX_DURATION}, or a timeout is zero
     */
    public StopOptions {
        Objects.requireNonNull(mode, "mode");
        requireNotNegative("gracePeriod", gracePeriod);
        requirePositive("killTimeout", killTimeout);
        requirePositive("commandTimeout", commandTimeout);
    }

    private static void requireNotNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_DURATION.toDays()
                    + " days (about 292 years, the longest wait a nanosecond deadline can hold), was " + d);
        }
    }

    private static void requirePositive(String what, Duration d) {
        requireNotNegative(what, d);
        if (d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /**
     * @return graceful-then-forced, 3 min 10 s grace, 10 s kill timeout, 30 s command timeout
     */
    public static StopOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @return a builder starting from the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder starting from these options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.gracePeriod = gracePeriod;
        b.killTimeout = killTimeout;
        b.commandTimeout = commandTimeout;
        return b;
    }

    /** Builds {@link StopOptions}; not thread-safe. */
    public static final class Builder {
        private StopMode mode = StopMode.GRACEFUL_THEN_FORCED;
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private Duration killTimeout = DEFAULT_KILL_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder() {
        }

        /**
         * @param mode the stop mode
         * @return this builder
         */
        public Builder mode(StopMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param gracePeriod how long to wait after the interrupt; zero is allowed. Anything
         *     below the default can cut a guest's shutdown short: choose it deliberately
         * @return this builder
         */
        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
            return this;
        }

        /**
         * @param killTimeout how long to wait for a killed process to disappear
         * @return this builder
         */
        public Builder killTimeout(Duration killTimeout) {
            this.killTimeout = Objects.requireNonNull(killTimeout, "killTimeout");
            return this;
        }

        /**
         * @param commandTimeout the limit for every external command
         * @return this builder
         */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if a duration is out of range
         */
        public StopOptions build() {
            return new StopOptions(mode, gracePeriod, killTimeout, commandTimeout);
        }
    }
}
