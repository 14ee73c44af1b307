// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.LimaInstance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's instance table, which shows what the stop will work with: each instance with
 * its status as Lima names it (Running, Stopped, Broken), VM type, the PIDs its PID files
 * record, and its additional disks; under a Broken instance, what is wrong. ({@code list}
 * prints limactl's own table: {@link InstanceListTable}.)
 */
public final class InstanceTable {

    private InstanceTable() {
    }

    /**
     * @param out where to print
     * @param instances the instances, as read from a Lima home
     */
    public static void print(PrintWriter out, List<LimaInstance> instances) {
        TextTable table = new TextTable("NAME", "STATUS", "VM TYPE", "PIDS", "DISKS");
        for (LimaInstance found : instances) {
            Instance i = found.instance();
            List<String> notes = new ArrayList<>();
            found.problems().forEach(p -> notes.add("! " + p));
            table.row(List.of(i.name(), ListedInstance.statusName(found.status()), i.vmType().id(), pids(found),
                    i.additionalDisks().isEmpty() ? "-" : String.join(",", i.additionalDisks())), notes);
        }
        table.print(out);
    }

    /** {@code ha.pid=123 qemu.pid=124}; a Stopped instance's PIDs are marked stale (none of them runs). */
    private static String pids(LimaInstance found) {
        Instance i = found.instance();
        List<String> parts = new ArrayList<>();
        i.hostAgent().ifPresent(r -> parts.add(label(r, "ha.pid")));
        i.driver().ifPresent(r -> parts.add(label(r, i.vmType().pidFileName())));
        i.driverServers().forEach(r -> parts.add(label(r, "drv.pid")));
        if (parts.isEmpty()) {
            return "-";
        }
        String joined = String.join(" ", parts);
        return found.status() == InstanceStatus.STOPPED ? joined + " (stale)" : joined;
    }

    private static String label(ProcessRef ref, String fallback) {
        return ref.pidFile().map(f -> f.getFileName().toString()).orElse(fallback) + "=" + ref.pid();
    }
}
