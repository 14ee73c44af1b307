// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.CommandContext;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.VmStatus;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VmTypeExtension} for {@code vmType: wsl2}. Lima records no driver PID for
 * WSL2, so its own forced stop never stops the VM; this extension terminates the distro
 * {@code lima-<name>} with {@code wsl.exe --terminate} as the driver step (step
 * {@value #TERMINATE_DISTRO}) and, after a graceful stop, confirms that the
 * distro is down (step {@value #CONFIRM_DISTRO_STOPPED}). For listing, it reports the
 * distro's state from {@code wsl.exe --list --verbose} ({@link #status}), which is what
 * Lima's {@code limactl list} shows for a WSL2 instance.
 *
 * <p>It applies on any host OS: a JVM inside WSL reaches {@code wsl.exe} through interop.
 * {@code wsl.exe} is taken from this extension's setting {@value #EXECUTABLE_SETTING}
 * ({@link ExtensionContext#settings()}, given by the host app as
 * {@code InstanceStoppers.builder().extensionSettings("wsl2", Map.of("executable", path))}),
 * else from the system property {@code lifecycle.wsl.exe}, else from the PATH. Every call is
 * bounded by {@link dev.lifecycle.api.StopOptions#commandTimeout()}. Stateless and thread-safe.
 */
public final class Wsl2VmTypeExtension implements VmTypeExtension {

    /** The extension id. */
    public static final String ID = "wsl2";
    /** Step name of {@link #stopVm}: terminate the distro and confirm it stopped. */
    public static final String TERMINATE_DISTRO = "terminate-distro";
    /** Step name of {@link #ensureVmStopped}: confirm the distro stopped, terminating it if not. */
    public static final String CONFIRM_DISTRO_STOPPED = "confirm-distro-stopped";
    /** The setting that names the {@code wsl.exe} to run: a path, or a program name searched on the PATH. */
    public static final String EXECUTABLE_SETTING = "executable";

    private static final Logger LOG = LoggerFactory.getLogger(Wsl2VmTypeExtension.class);

    /** Creates the extension; {@link java.util.ServiceLoader} calls this. */
    public Wsl2VmTypeExtension() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean supports(VmType vmType) {
        return VmType.WSL2.equals(vmType);
    }

    @Override
    public StepResult stopVm(Instance instance, ExtensionContext context) {
        return neverThrowing(TERMINATE_DISTRO, instance, () -> terminator(instance, context).terminate());
    }

    @Override
    public StepResult ensureVmStopped(Instance instance, ExtensionContext context) {
        return neverThrowing(CONFIRM_DISTRO_STOPPED, instance, () -> terminator(instance, context).confirmStopped());
    }

    /**
     * The distro's state from {@code wsl.exe --list --verbose}, as Lima's WSL2 driver reads it
     * for {@code limactl list}: {@code Running}, {@code Stopped}, {@code Installing}, not listed
     * (Uninitialized), no distribution installed at all (Broken); anything else, and any
     * failure of {@code wsl.exe}, is {@link VmStatus.State#UNKNOWN} with the reason.
     */
    @Override
    public Optional<VmStatus> status(Instance instance, CommandContext context) {
        try {
            return Optional.of(new Wsl2DistroStatus(instance, WslClient.of(context)).read());
        } catch (RuntimeException e) {
            String name = instance == null ? "(unknown)" : instance.name();
            LOG.debug("[{}] status: stack trace of the unexpected error", name, e);
            return Optional.of(new VmStatus(VmStatus.State.UNKNOWN, "could not read the state of distro "
                    + Wsl2DistroTerminator.DISTRO_PREFIX + name + ": " + e));
        }
    }

    private static Wsl2DistroTerminator terminator(Instance instance, ExtensionContext context) {
        return new Wsl2DistroTerminator(instance, context, WslClient.of(context));
    }

    /**
     * The one place an unexpected exception (a context or runner that throws, a bug) becomes
     * a FAILED step: the contract is "never throw". The core logs the returned step, so only
     * the stack trace is logged here, at DEBUG.
     */
    private static StepResult neverThrowing(String step, Instance instance, Supplier<StepResult> stop) {
        long start = System.nanoTime();
        try {
            return stop.get();
        } catch (RuntimeException e) {
            String name = instance == null ? "(unknown)" : instance.name();
            LOG.debug("[{}] {}: stack trace of the unexpected error", name, step, e);
            return StepResult.of(step, StepStatus.FAILED, Duration.ofNanos(System.nanoTime() - start),
                    "could not stop distro " + Wsl2DistroTerminator.DISTRO_PREFIX + name + ": " + e
                            + "; the VM may still run");
        }
    }
}
