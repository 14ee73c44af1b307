// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of {@code limactl list} output, in the order of Lima's {@code limatype.Instance}
 * and {@code store.FormatData}: the Go name a {@code --format} template uses, the JSON name
 * of {@code --json}, and whether the JSON leaves the field out when it holds its zero value
 * (Go's {@code omitempty}).
 */
enum ListField {
    NAME("Name", "name", false, ListedInstance::name),
    HOSTNAME("Hostname", "hostname", false, ListedInstance::hostname),
    STATUS("Status", "status", false, ListedInstance::status),
    DIR("Dir", "dir", false, ListedInstance::dir),
    VM_TYPE("VMType", "vmType", false, ListedInstance::vmType),
    ARCH("Arch", "arch", false, ListedInstance::arch),
    CPUS("CPUs", "cpus", true, ListedInstance::cpus),
    MEMORY("Memory", "memory", true, ListedInstance::memory),
    DISK("Disk", "disk", true, ListedInstance::disk),
    MESSAGE("Message", "message", true, ListedInstance::message),
    /** In JSON a list of {@code {"name": ...}} objects; not in templates (Go prints the raw structs). */
    ADDITIONAL_DISKS("AdditionalDisks", "additionalDisks", true, ListedInstance::additionalDisks),
    SSH_LOCAL_PORT("SSHLocalPort", "sshLocalPort", true, ListedInstance::sshLocalPort),
    SSH_CONFIG_FILE("SSHConfigFile", "sshConfigFile", true, ListedInstance::sshConfigFile),
    HOST_AGENT_PID("HostAgentPID", "hostAgentPID", true, ListedInstance::hostAgentPid),
    DRIVER_PID("DriverPID", "driverPID", true, ListedInstance::driverPid),
    ERRORS("Errors", "errors", true, ListedInstance::errors),
    SSH_ADDRESS("SSHAddress", "sshAddress", true, ListedInstance::sshAddress),
    PROTECTED("Protected", "protected", false, ListedInstance::isProtected),
    LIMA_VERSION("LimaVersion", "limaVersion", false, ListedInstance::limaVersion),
    HOST_OS("HostOS", "HostOS", false, ListedInstance::hostOs),
    HOST_ARCH("HostArch", "HostArch", false, ListedInstance::hostArch),
    LIMA_HOME("LimaHome", "LimaHome", false, ListedInstance::limaHome),
    IDENTITY_FILE("IdentityFile", "IdentityFile", false, ListedInstance::identityFile);

    /**
     * Fields of limactl's that this CLI cannot fill (they need the running host agent or the
     * whole merged configuration): a template naming one is refused rather than printing a
     * value that could be wrong.
     */
    static final List<String> NOT_AVAILABLE = List.of("Networks", "Config", "Param", "AutoStartedIdentifier");

    private final String goName;
    private final String jsonName;
    private final boolean omitEmpty;
    private final Function<ListedInstance, Object> value;

    ListField(String goName, String jsonName, boolean omitEmpty, Function<ListedInstance, Object> value) {
        this.goName = goName;
        this.jsonName = jsonName;
        this.omitEmpty = omitEmpty;
        this.value = value;
    }

    /** @return the name a Go template uses, e.g. {@code VMType} */
    String goName() {
        return goName;
    }

    /** @return the JSON name, e.g. {@code vmType} */
    String jsonName() {
        return jsonName;
    }

    /** @return whether JSON leaves the field out when it holds its zero value */
    boolean omitEmpty() {
        return omitEmpty;
    }

    /**
     * @param instance an instance
     * @return the field's value: a String, Integer, Long, Boolean or List of String
     */
    Object valueOf(ListedInstance instance) {
        return value.apply(instance);
    }

    /** @return whether a template may name it */
    boolean inTemplates() {
        return this != ADDITIONAL_DISKS;
    }

    /**
     * @param goName a template field name, case-sensitive as in Go
     * @return the field a template may use
     */
    static Optional<ListField> forTemplate(String goName) {
        return Arrays.stream(values()).filter(f -> f.inTemplates() && f.goName.equals(goName)).findFirst();
    }

    /** @return the names {@code --list-fields} prints, sorted as limactl sorts them */
    static List<String> templateNames() {
        return Arrays.stream(values()).filter(ListField::inTemplates).map(ListField::goName).sorted().toList();
    }

    /**
     * Go's {@code %v} of the value, as a template prints it.
     *
     * @param instance an instance
     * @return e.g. {@code Running}, {@code 4}, {@code false}, {@code [a b]}
     */
    String render(ListedInstance instance) {
        Object v = valueOf(instance);
        if (v instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(v);
    }

    /** Go's zero value test behind {@code omitempty}. */
    boolean isEmpty(ListedInstance instance) {
        Object v = valueOf(instance);
        if (v instanceof String s) {
            return s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.longValue() == 0;
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        return v instanceof List<?> list && list.isEmpty();
    }
}
