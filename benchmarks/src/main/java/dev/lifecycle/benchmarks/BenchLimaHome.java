// SPDX-License-Identifier: Apache-2.0
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
 * A temporary Lima home whose instance directories look like Lima's: a {@code lima.yaml} of
 * the size and shape {@code limactl create} leaves (about 3 KiB), disk images, logs,
 * sockets, a {@code .tmp} file, and {@code ha.pid} and {@code qemu.pid} written after their
 * processes started, as Lima writes them. {@link #close()} deletes the whole tree.
 */
final class BenchLimaHome implements AutoCloseable {

    /** An instance configuration as Lima keeps it: the template it was created from, settings filled in. */
    static final String LIMA_YAML = """
            # Created by the Lifecycle benchmarks, in the shape of an instance made from Lima's default template.
            minimumLimaVersion: 1.1.0
            vmType: qemu
            os: Linux
            arch: x86_64
            cpus: 4
            memory: 4GiB
            disk: 100GiB
            images:
            - location: "https://cloud-images.ubuntu.com/releases/noble/release-20250606/ubuntu-24.04-server-cloudimg-amd64.img"
              arch: "x86_64"
              digest: "sha256:0fbb0ab7f1d2e5b6d8d36da9a53ab5ab5e1fa8e8fd6a1c34c9e2cf8d1e0a14c7"
            - location: "https://cloud-images.ubuntu.com/releases/noble/release-20250606/ubuntu-24.04-server-cloudimg-arm64.img"
              arch: "aarch64"
              digest: "sha256:8c4f8f1e1d2d98e1b5d7c8a1f0e3b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4"
            - location: "https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img"
              arch: "x86_64"
            - location: "https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-arm64.img"
              arch: "aarch64"
            mounts:
            - location: "~"
              writable: false
            - location: "/tmp/lima"
              writable: true
            mountType: virtiofs
            ssh:
              localPort: 0
              loadDotSSHPubKeys: true
              forwardAgent: false
              forwardX11: false
            firmware:
              legacyBIOS: false
            video:
              display: none
            containerd:
              system: false
              user: true
            provision:
            - mode: system
              script: |
                #!/bin/bash
                set -eux -o pipefail
                export DEBIAN_FRONTEND=noninteractive
                apt-get update
                apt-get install -y --no-install-recommends build-essential git curl jq
            - mode: user
              script: |
                #!/bin/bash
                set -eux -o pipefail
                mkdir -p ~/.config/systemd/user
                systemctl --user daemon-reload
            probes:
            - mode: readiness
              script: |
                #!/bin/bash
                set -eux -o pipefail
                if ! timeout 30s bash -c "until command -v nerdctl >/dev/null 2>&1; do sleep 3; done"; then
                  echo >&2 "nerdctl is not installed yet"
                  exit 1
                fi
              hint: See "/var/log/cloud-init-output.log" in the guest
            hostResolver:
              enabled: true
              ipv6: false
              hosts:
                host.docker.internal: host.lima.internal
            portForwards:
            - guestSocket: "/run/user/{{.UID}}/containerd-rootless/api.sock"
              hostSocket: "{{.Dir}}/sock/containerd.sock"
            - guestPortRange: [1, 65535]
              hostIP: 127.0.0.1
            additionalDisks:
            - name: data
              format: true
              fsType: ext4
            env:
              EDITOR: vim
              LANG: C.UTF-8
            param:
              containerdSnapshotter: "true"
            caCerts:
              removeDefaults: false
            plain: false
            timezone: Europe/Amsterdam
            """;

    private final Path home;

    BenchLimaHome() throws IOException {
        this.home = Files.createTempDirectory("lifecycle-bench-");
    }

    /** @return the Lima home */
    Path path() {
        return home;
    }

    /** Creates the directory of instance {@code name}, for its processes to name on their command lines. */
    Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    /**
     * Fills the directory of instance {@code name}, whose host agent is {@code agentPid} and
     * whose QEMU is {@code driverPid} (0 for none: no {@code qemu.pid}).
     */
    Instance instance(String name, long agentPid, long driverPid) throws IOException {
        Path dir = directory(name);
        Files.writeString(dir.resolve("lima.yaml"), LIMA_YAML);
        for (String file : new String[] {"basedisk", "diffdisk", "cidata.iso"}) {
            Files.writeString(dir.resolve(file), "disk image bytes");
        }
        Files.writeString(dir.resolve("ha.stdout.log"), "{\"status\":{\"running\":true}}\n");
        Files.writeString(dir.resolve("ha.stderr.log"), "");
        Files.writeString(dir.resolve("serial.log"), "");
        Files.writeString(dir.resolve("ha.sock"), "");
        Files.writeString(dir.resolve("qmp.sock"), "");
        Files.writeString(dir.resolve("cidata.tmp"), "");
        Instance.Builder b = Instance.builder(name, home).vmType(VmType.QEMU).hostAgent(pidFile(dir, "ha.pid", agentPid));
        if (driverPid > 0) {
            b.driver(pidFile(dir, "qemu.pid", driverPid));
        }
        return b.build();
    }

    private static ProcessRef pidFile(Path dir, String name, long pid) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        return ProcessRef.recordedIn(pid, file, Files.getLastModifiedTime(file).toInstant());
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
