// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code limactl list --json}: one JSON object per instance, one per line (JSON Lines), with
 * limactl's field names in its order; a field Go marks {@code omitempty} is left out when it
 * holds its zero value.
 */
public final class InstanceJsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InstanceJsonLines() {
    }

    /**
     * @param out where to print
     * @param instances the instances, in order
     */
    public static void print(PrintWriter out, List<ListedInstance> instances) {
        for (ListedInstance i : instances) {
            out.println(line(i));
        }
        out.flush();
    }

    /**
     * @param instance an instance
     * @return its JSON object on one line
     */
    static String line(ListedInstance instance) {
        try {
            return MAPPER.writeValueAsString(object(instance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write instance " + instance.name() + " as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode object(ListedInstance instance) {
        ObjectNode o = MAPPER.createObjectNode();
        for (ListField f : ListField.values()) {
            if (f.omitEmpty() && f.isEmpty(instance)) {
                continue;
            }
            Object v = f.valueOf(instance);
            if (f == ListField.ADDITIONAL_DISKS) {
                ArrayNode disks = o.putArray(f.jsonName());
                instance.additionalDisks().forEach(d -> disks.addObject().put("name", d));
            } else if (v instanceof List<?> list) {
                ArrayNode a = o.putArray(f.jsonName());
                list.forEach(e -> a.add(String.valueOf(e)));
            } else if (v instanceof Integer n) {
                o.put(f.jsonName(), n);
            } else if (v instanceof Long n) {
                o.put(f.jsonName(), n);
            } else if (v instanceof Boolean b) {
                o.put(f.jsonName(), b);
            } else {
                o.put(f.jsonName(), String.valueOf(v));
            }
        }
        return o;
    }
}
