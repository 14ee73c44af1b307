// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.disk;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Releases the additional-disk locks an instance holds. A lock is the symlink
 * {@code $LIMA_HOME/_disks/<disk>/in_use_by} pointing at the owning instance's directory.
 * Every disk directory is looked at, not only the disks the configuration names, so that a
 * lock survives neither a broken {@code lima.yaml} nor a disk set in {@code _config}. A lock
 * is this instance's when its target and the instance directory resolve to the same real
 * path, as the kernel resolves them (a target that goes {@code ..} through a symlinked
 * directory points wherever the kernel takes it, not where the text seems to). Only then is
 * it removed, as a link, never followed; a lock held by another instance, a lock whose target
 * cannot be resolved, or anything that is not a symlink is left alone.
 */
public final class DiskLockReleaser {

    /** Lima's lock file name inside a disk directory. */
    private static final String LOCK_NAME = "in_use_by";
    /** Lima's directory of additional disks inside its home. */
    private static final String DISKS_DIR = "_disks";

    /**
     * Releases this instance's locks. A lock that cannot be removed is a FAILED step that
     * says how to release it by hand: a locked disk keeps every VM that uses it from starting.
     *
     * @param instance the instance
     * @param onUnlocked called with a message for each lock released (for live events)
     * @return one step per configured disk and per other lock released, or one SKIPPED step
     *     when no disk is configured and no lock points at the instance; when the
     *     configuration could not be read, a step says its disks are unknown
     */
    public List<StepResult> release(Instance instance, Consumer<String> onUnlocked) {
        long started = System.nanoTime();
        List<StepResult> results = new ArrayList<>();
        Path disksDir = instance.limaHome().resolve(DISKS_DIR);
        Inspection found = inspect(instance);
        for (Lock lock : found.locks()) {
            long start = System.nanoTime();
            Outcome o = lock.ours() ? remove(lock) : new Outcome(lock.status(), lock.message());
            if (o.status == StepStatus.SUCCEEDED) {
                onUnlocked.accept(o.message);
            }
            results.add(StepResult.of(Steps.UNLOCK_DISKS, o.status, Duration.ofNanos(System.nanoTime() - start),
                    o.message));
        }
        found.unlisted().ifPresent(why -> results.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.FAILED,
                Duration.ofNanos(System.nanoTime() - started), why + ": locks of disks lima.yaml does not name may remain")));
        // Unreadable configuration: say the disks are unknown, never "none".
        Optional<String> unknown = instance.configProblem().map(p -> "the additional disks lima.yaml names are unknown"
                + " because it could not be read (" + p + "); every lock under " + disksDir
                + " that points at this instance was looked at");
        if (results.isEmpty()) {
            results.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.SKIPPED, Duration.ofNanos(System.nanoTime() - started),
                    unknown.map(u -> u + ", and none does").orElse("no additional disk is configured or locked by"
                            + " this instance")));
        } else {
            unknown.ifPresent(u -> results.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.SKIPPED, Duration.ZERO, u)));
        }
        return results;
    }

    /**
     * What the unlock would find, without removing anything: every configured disk, and
     * every other disk whose lock is this instance's. The unlock and a dry run both decide
     * with this.
     *
     * @param instance the instance
     * @return the locks looked at, by disk name, and why the disks could not all be listed, if so
     */
    public Inspection inspect(Instance instance) {
        List<Lock> locks = new ArrayList<>();
        Optional<Path> owner = realPath(instance.directory());
        Path disksDir = instance.limaHome().resolve(DISKS_DIR);
        TreeSet<String> disks = new TreeSet<>(instance.additionalDisks());
        Optional<String> unlisted = listDisks(disksDir, disks);
        for (String disk : disks) {
            boolean configured = instance.additionalDisks().contains(disk);
            decide(disksDir.resolve(disk).resolve(LOCK_NAME), disk, owner, configured).ifPresent(locks::add);
        }
        return new Inspection(locks, unlisted);
    }

    /**
     * What {@link #inspect} found.
     *
     * @param locks one per configured disk and per other lock of this instance, by disk name
     * @param unlisted why {@code _disks} could not be listed, if it could not
     */
    public record Inspection(List<Lock> locks, Optional<String> unlisted) {
        /** Copies the list. */
        public Inspection {
            locks = List.copyOf(locks);
        }
    }

    /**
     * One disk's lock as found.
     *
     * @param disk the disk name
     * @param configured whether {@code lima.yaml} names the disk
     * @param lock its {@code in_use_by}
     * @param ours whether it is this instance's lock, which the unlock removes
     * @param status when not ours: what the unlock step says ({@code SKIPPED} left alone, {@code FAILED} unreadable)
     * @param message what was found, in words
     */
    public record Lock(String disk, boolean configured, Path lock, boolean ours, StepStatus status, String message) {
    }

    private record Outcome(StepStatus status, String message) {
    }

    /** Adds every disk directory's name; returns why the listing failed, if it did. */
    private static Optional<String> listDisks(Path disksDir, TreeSet<String> into) {
        if (!Files.isDirectory(disksDir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(disksDir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    into.add(entry.getFileName().toString());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot list " + disksDir + " (" + e + ")");
        }
    }

    /** Empty when a disk the configuration does not name holds no lock of this instance: nothing to say. */
    private static Optional<Lock> decide(Path lock, String disk, Optional<Path> owner, boolean configured) {
        String who = who(disk, configured);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            return configured ? Optional.of(leave(disk, configured, lock, StepStatus.SKIPPED, who + ": not locked"))
                    : Optional.empty();
        }
        if (!Files.isSymbolicLink(lock)) {
            return configured ? Optional.of(leave(disk, configured, lock, StepStatus.SKIPPED, who + ": " + lock
                    + " is not a symlink, so it is not a Lima lock; left alone")) : Optional.empty();
        }
        Path target;
        try {
            target = Files.readSymbolicLink(lock);
        } catch (IOException e) {
            return Optional.of(leave(disk, configured, lock, StepStatus.FAILED, who + ": cannot read lock " + lock + " ("
                    + e.getMessage() + "); it stays locked: " + fixByHand(disk, lock)));
        }
        Optional<Path> holder = realPath(lock.getParent().resolve(target));
        if (owner.isEmpty() || holder.isEmpty() || !holder.equals(owner)) {
            if (!configured) {
                return Optional.empty();
            }
            return Optional.of(leave(disk, configured, lock, StepStatus.SKIPPED, who + ": locked by " + target
                    + holder.map(h -> h.equals(lock.getParent().resolve(target)) ? "" : " (" + h + ")")
                    .orElse(" (which does not resolve)") + ", not by this instance; left locked"));
        }
        return Optional.of(new Lock(disk, configured, lock, true, StepStatus.SUCCEEDED, who + ": locked by this instance"));
    }

    private static Lock leave(String disk, boolean configured, Path lock, StepStatus status, String message) {
        return new Lock(disk, configured, lock, false, status, message);
    }

    private static Outcome remove(Lock found) {
        String who = who(found.disk(), found.configured());
        String disk = found.disk();
        Path lock = found.lock();
        try {
            Files.delete(lock); // deletes the link itself, never its target
            return new Outcome(StepStatus.SUCCEEDED, who + ": released lock " + lock);
        } catch (NoSuchFileException e) {
            return new Outcome(StepStatus.SKIPPED, who + ": lock vanished before it was released");
        } catch (IOException e) {
            String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.toString();
            return new Outcome(StepStatus.FAILED, who + ": cannot remove lock " + lock + " (" + why
                    + "); the disk stays locked and the next start of a VM using it fails: " + fixByHand(disk, lock));
        }
    }

    private static String who(String disk, boolean configured) {
        return "disk " + disk + (configured ? "" : " (not in lima.yaml)");
    }

    private static String fixByHand(String disk, Path lock) {
        return "run `limactl disk unlock " + disk + "`, or remove " + lock + " by hand";
    }

    /** The path as the kernel resolves it, if it exists and may be looked at. */
    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
