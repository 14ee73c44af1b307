// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.api.Instance;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.VmStatus;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state of one instance's distro {@code lima-<name>} from
 * {@code wsl.exe --list --verbose}, as Lima's WSL2 driver does ({@code getWslStatus}):
 * the row whose name (after an optional {@code *} marking the default distro) is the
 * distro gives its state; the header, whose words depend on the Windows language, never
 * matches a distro name. Only reads; one bounded {@code wsl.exe} call.
 */
final class Wsl2DistroStatus {

    private static final Logger LOG = LoggerFactory.getLogger(Wsl2DistroStatus.class);

    /** wsl.exe's words when WSL has no distribution at all; Lima reports that as Broken. */
    private static final String NO_DISTRIBUTIONS = "has no installed distributions";

    private final String instance;
    private final String distro;
    private final WslClient wsl;

    /**
     * @param instance the instance whose distro to read
     * @param wsl the bounded {@code wsl.exe}
     */
    Wsl2DistroStatus(Instance instance, WslClient wsl) {
        this.instance = instance.name();
        this.distro = Wsl2DistroTerminator.distroName(instance);
        this.wsl = Objects.requireNonNull(wsl, "wsl");
    }

    /** @return the distro's state; a failure of {@code wsl.exe} is {@link VmStatus.State#UNKNOWN} */
    VmStatus read() {
        WslClient.Call call = wsl.listVerbose();
        CommandResult r = call.result();
        if (r.status() == CommandResult.Status.TIMED_OUT) {
            return unknown(call.display() + " did not finish within " + WslClient.describe(wsl.timeout())
                    + " and was killed with its child processes; the WSL service may be wedged");
        }
        if (r.status() != CommandResult.Status.COMPLETED) {
            return unknown(wsl.executable().cannotStart("read the state of distro " + distro, r.failure()));
        }
        if (call.mentions(NO_DISTRIBUTIONS)) {
            return new VmStatus(VmStatus.State.BROKEN, "wsl.exe lists no installed distributions, so distro "
                    + distro + " does not exist; WSL may not be installed for this user"
                    + " (try wsl --install, then wsl --update)");
        }
        if (r.exitCode() != 0) {
            String output = call.output();
            return unknown(call.display() + " exited with code " + r.exitCode()
                    + (output.isEmpty() ? "" : " (" + output + ")"));
        }
        List<String> rows = call.stdoutLines();
        LOG.debug("[{}] status: {} printed {}", instance, call.display(), rows);
        if (rows.isEmpty()) {
            return unknown(call.display() + " printed nothing; try running it to see why");
        }
        Optional<String> state = stateOf(rows, distro);
        if (state.isEmpty()) {
            return new VmStatus(VmStatus.State.UNINITIALIZED, "distro " + distro
                    + " is not registered (not in wsl.exe --list --verbose)");
        }
        return fromState(state.get());
    }

    /**
     * The state column of the distro's row.
     *
     * @param rows the non-blank lines of {@code wsl.exe --list --verbose}
     * @param distro the distro name; WSL compares names without regard to case
     * @return the state as printed, if the distro is listed
     */
    static Optional<String> stateOf(List<String> rows, String distro) {
        for (String row : rows) {
            String[] cols = row.strip().split("\\s+");
            int name = cols[0].equals("*") ? 1 : 0;
            if (cols.length > name + 1 && cols[name].equalsIgnoreCase(distro)) {
                return Optional.of(cols[name + 1]);
            }
        }
        return Optional.empty();
    }

    private VmStatus fromState(String state) {
        String said = "wsl.exe --list --verbose lists distro " + distro + " as " + state;
        switch (state.toLowerCase(Locale.ROOT)) {
            case "running":
                return new VmStatus(VmStatus.State.RUNNING, said);
            case "stopped":
                return new VmStatus(VmStatus.State.STOPPED, said);
            case "installing":
                return new VmStatus(VmStatus.State.INSTALLING, said);
            default:
                // Converting, Uninstalling, or a state in another language: it may run.
                return unknown(said + ", a state Lima does not name; the distro may be running");
        }
    }

    private VmStatus unknown(String why) {
        String detail = why.contains(distro) ? why : "cannot tell the state of distro " + distro + ": " + why;
        return new VmStatus(VmStatus.State.UNKNOWN, detail);
    }
}
