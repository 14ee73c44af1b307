// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.discovery;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.util.Optional;

/** Providers used by the discovery tests; each is listed in a class path made for one scenario. */
final class TestProviders {

    private TestProviders() {
    }

    abstract static class Base implements ProcessControl {
        @Override
        public ProcessLookup find(ProcessRef ref) {
            return new ProcessLookup.Unknown("test provider " + id() + " inspects nothing");
        }
    }

    /** Available, priority 50. */
    public static final class Middle extends Base {
        @Override
        public String id() {
            return "middle";
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Availability availability() {
            return Availability.ok();
        }
    }

    /** Available, priority 200. */
    public static final class High extends Base {
        @Override
        public String id() {
            return "high";
        }

        @Override
        public int priority() {
            return 200;
        }

        @Override
        public Availability availability() {
            return Availability.ok();
        }
    }

    /** The highest priority of all, but not available here. */
    public static final class Unavailable extends Base {
        @Override
        public String id() {
            return "elsewhere";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("needs an OS this is not");
        }
    }

    /** Fails in its constructor, as a provider with a missing native library would. */
    public static final class Broken extends Base {
        public Broken() {
            throw new IllegalStateException("native library missing");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public int priority() {
            return 999;
        }

        @Override
        public Availability availability() {
            return Availability.ok();
        }
    }

    /** Made for the OS the tests run on, but unable to load here, as lifecycle-unix is when JNA cannot. */
    public static final class ForThisOsButBroken extends Base {
        @Override
        public String id() {
            return "native";
        }

        @Override
        public int priority() {
            return PLATFORM_PRIORITY;
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("JNA could not load its native part; start Java with -Djna.tmpdir=DIR");
        }

        @Override
        public Optional<HostOs> hostOs() {
            return Optional.of(HostOs.current());
        }
    }

    /** Made for another OS than the one the tests run on, so unavailable here, as it should be. */
    public static final class ForAnotherOs extends Base {
        @Override
        public String id() {
            return "other-os";
        }

        @Override
        public int priority() {
            return PLATFORM_PRIORITY;
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("runs on another OS only");
        }

        @Override
        public Optional<HostOs> hostOs() {
            return Optional.of(HostOs.current() == HostOs.WINDOWS ? HostOs.LINUX : HostOs.WINDOWS);
        }
    }
}
