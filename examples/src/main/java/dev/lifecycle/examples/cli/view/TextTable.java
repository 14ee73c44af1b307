// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: left-aligned columns two spaces apart, the last one unpadded. */
public final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> notes = new ArrayList<>();

    /**
     * @param headers the column headers
     */
    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column
     * @param rowNotes lines printed under the row, indented
     * @return this table
     */
    public TextTable row(List<String> cells, List<String> rowNotes) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row has " + cells.size() + " cells, the table " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        notes.add(List.copyOf(rowNotes));
        return this;
    }

    /**
     * Prints the table.
     *
     * @param out where to
     */
    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(headers, widths));
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths));
            for (String note : notes.get(r)) {
                out.println("    " + note);
            }
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            sb.append(cell);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        return sb.toString().stripTrailing();
    }
}
