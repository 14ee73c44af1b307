// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command lines for JVMs that run another main class of this jar, with the same Java and class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<String> command(Class<?> mainClass, Map<String, String> systemProperties, List<String> args) {
        return command(mainClass, List.of(), systemProperties, args);
    }

    static List<String> command(Class<?> mainClass, List<String> jvmOptions, Map<String, String> systemProperties,
                                List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return cmd;
    }
}
