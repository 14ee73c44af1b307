// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code limactl list}'s table, as Lima's {@code store.PrintInstances} prints it:
 * {@code NAME STATUS SSH VMTYPE ARCH CPUS MEMORY DISK DIR} through Go's {@code tabwriter}
 * (minimum cell width 4, padding 4, spaces; the last column unpadded), the directory with
 * the user's home as {@code ~}, sizes in binary units ({@code 4GiB}). On a terminal too
 * narrow for every column, VMTYPE is left out when all instances share one, then ARCH when
 * all share the host's, then DIR — unless all fields are asked for.
 */
public final class InstanceListTable {

    private static final int MIN_WIDTH = 4;
    private static final int PADDING = 4;
    private static final int COLUMN_WIDTH = 8;
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private InstanceListTable() {
    }

    /**
     * @param out where to print
     * @param instances the instances, in order
     * @param userHome shown as {@code ~} at the start of a directory
     * @param terminalWidth the terminal's columns when stdout is one; empty for a pipe or file (nothing is hidden)
     * @param allFields whether to show every column however narrow the terminal
     */
    public static void print(PrintWriter out, List<ListedInstance> instances, Path userHome, OptionalInt terminalWidth,
                             boolean allFields) {
        int width = terminalWidth.orElse(0);
        boolean narrow = width != 0 && !allFields;
        int columns = 1 + 2 + 2; // NAME, STATUS, SSH
        boolean hideType = narrow && (columns + 7) * COLUMN_WIDTH > width
                && instances.stream().map(ListedInstance::vmType).distinct().count() == 1;
        if (!hideType) {
            columns++;
        }
        boolean hideArch = narrow && (columns + 6) * COLUMN_WIDTH > width
                && instances.stream().map(ListedInstance::arch).distinct().count() == 1
                && !instances.isEmpty() && instances.get(0).arch().equals(instances.get(0).hostArch());
        if (!hideArch) {
            columns++;
        }
        columns += 3; // CPUS, MEMORY, DISK
        boolean hideDir = narrow && (columns + 2) * COLUMN_WIDTH > width;

        List<List<String>> rows = new ArrayList<>();
        rows.add(cells(hideType, hideArch, hideDir, "NAME", "STATUS", "SSH", "VMTYPE", "ARCH", "CPUS", "MEMORY", "DISK",
                "DIR"));
        for (ListedInstance i : instances) {
            rows.add(cells(hideType, hideArch, hideDir, i.name(), i.status(), i.sshAddress() + ":" + i.sshLocalPort(),
                    i.vmType(), i.arch(), String.valueOf(i.cpus()), bytesSize(i.memory()), bytesSize(i.disk()),
                    tilde(i.dir(), userHome)));
        }
        tabwriter(out, rows);
        out.flush();
    }

    private static List<String> cells(boolean hideType, boolean hideArch, boolean hideDir, String name, String status,
                                      String ssh, String vmType, String arch, String cpus, String memory, String disk,
                                      String dir) {
        List<String> cells = new ArrayList<>(List.of(name, status, ssh));
        if (!hideType) {
            cells.add(vmType);
        }
        if (!hideArch) {
            cells.add(arch);
        }
        cells.addAll(List.of(cpus, memory, disk));
        if (!hideDir) {
            cells.add(dir);
        }
        return cells;
    }

    /** Go's {@code tabwriter.NewWriter(w, 4, 8, 4, ' ', 0)} over tab-separated cells: every cell but the last padded. */
    private static void tabwriter(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns - 1];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(MIN_WIDTH, row.get(c).length() + PADDING));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns - 1; c++) {
                line.append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length()));
            }
            line.append(row.get(columns - 1));
            out.println(line);
        }
    }

    /** Lima replaces the user's home at the start of the directory with {@code ~}. */
    static String tilde(String dir, Path userHome) {
        String home = userHome.toString();
        return !home.isEmpty() && dir.startsWith(home) ? "~" + dir.substring(home.length()) : dir;
    }

    /**
     * docker/go-units {@code BytesSize}: binary units, four significant digits, no trailing zeros.
     *
     * @param bytes a size
     * @return e.g. {@code 0B}, {@code 512MiB}, {@code 4GiB}, {@code 1.5GiB}, {@code 100GiB}
     */
    public static String bytesSize(long bytes) {
        BigDecimal size = BigDecimal.valueOf(bytes);
        BigDecimal base = BigDecimal.valueOf(1024);
        int unit = 0;
        while (size.compareTo(base) >= 0 && unit < BINARY_UNITS.length - 1) {
            size = size.divide(base);
            unit++;
        }
        BigDecimal shown = size.round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString() + BINARY_UNITS[unit];
    }
}
