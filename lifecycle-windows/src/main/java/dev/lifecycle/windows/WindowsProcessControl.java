package dev.lifecycle.windows;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;

/** PLACEHOLDER until the provider branch lands: never available. */
public final class WindowsProcessControl implements ProcessControl {
    @Override
    public String id() {
        return "windows";
    }

    @Override
    public int priority() {
        return PLATFORM_PRIORITY;
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("placeholder");
    }

    @Override
    public ProcessLookup find(ProcessRef ref) {
        return new ProcessLookup.Unknown("placeholder");
    }
}
