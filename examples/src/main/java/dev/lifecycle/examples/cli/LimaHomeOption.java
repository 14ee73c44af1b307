// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.core.LimaHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --lima-home} option shared by the commands that read a Lima home. */
public final class LimaHomeOption {

    @Option(names = "--lima-home", paramLabel = "DIR",
            description = "The Lima home that holds the instances. Default: $LIMA_HOME, else ~/.lima.")
    private Path limaHome;

    /**
     * @param ctx the environment and user home to fall back on
     * @return the Lima home the user chose
     * @throws dev.lifecycle.core.LimaHomeException if {@code LIMA_HOME} is not a valid path
     */
    LimaHome resolve(CliContext ctx) {
        return limaHome != null ? LimaHome.of(limaHome) : LimaHome.fromEnvironment(ctx.env(), ctx.userHome());
    }
}
