package dev.lifecycle.benchmarks;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary Lima home whose instance directories look like Lima's (config, disk image,
 * log, sockets, a {@code .tmp} file) with {@code ha.pid} written after the agent started,
 * as Lima writes it. {@link #close()} deletes the whole tree.
 */
final class BenchLimaHome implements AutoCloseable {

    private final Path home;

    BenchLimaHome() throws IOException {
        this.home = Files.createTempDirectory("lifecycle-bench-");
    }

    /** Creates the directory of instance {@code name}, for its agent to name on its command line. */
    Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    /** Fills the directory of instance {@code name} whose host agent is {@code agentPid}. */
    Instance instance(String name, long agentPid) throws IOException {
        Path dir = directory(name);
        Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
        Files.writeString(dir.resolve("disk"), "disk image bytes");
        Files.writeString(dir.resolve("ha.stdout.log"), "{\"status\":{\"running\":true}}\n");
        Files.writeString(dir.resolve("ha.sock"), "");
        Files.writeString(dir.resolve("cidata.tmp"), "");
        Path pidFile = dir.resolve("ha.pid");
        Files.writeString(pidFile, agentPid + "\n", StandardCharsets.US_ASCII);
        ProcessRef agent = ProcessRef.recordedIn(agentPid, pidFile, Files.getLastModifiedTime(pidFile).toInstant());
        return Instance.builder(name, home).vmType(VmType.QEMU).hostAgent(agent).build();
    }

    @Override
    public void close() throws IOException {
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
