package dev.lifecycle.core.internal.disk;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Releases the additional-disk locks an instance holds. A lock is the symlink
 * {@code _disks/<disk>/in_use_by} pointing at the owning instance's directory; it is
 * removed (as a link, never followed) only when it points at this instance. A lock held
 * by another instance, or anything that is not a symlink, is left alone and reported.
 */
public final class DiskLockReleaser {

    /** Lima's lock file name inside a disk directory. */
    private static final String LOCK_NAME = "in_use_by";

    /**
     * Releases this instance's locks.
     *
     * @param instance the instance
     * @param onUnlocked called with a message for each lock released (for live events)
     * @return one step per additional disk, or one SKIPPED step when there are none
     */
    public List<StepResult> release(Instance instance, Consumer<String> onUnlocked) {
        List<StepResult> results = new ArrayList<>();
        if (instance.additionalDisks().isEmpty()) {
            results.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.SKIPPED, Duration.ZERO,
                    "no additional disks"));
            return results;
        }
        for (String disk : instance.additionalDisks()) {
            long start = System.nanoTime();
            Outcome o = releaseOne(instance, disk);
            StepResult r = StepResult.of(Steps.UNLOCK_DISKS, o.status, Duration.ofNanos(System.nanoTime() - start),
                    o.message);
            if (o.status == StepStatus.SUCCEEDED) {
                onUnlocked.accept(o.message);
            }
            results.add(r);
        }
        return results;
    }

    private record Outcome(StepStatus status, String message) {
    }

    private Outcome releaseOne(Instance instance, String disk) {
        String who = "disk " + disk;
        Path lock = instance.limaHome().resolve("_disks").resolve(disk).resolve(LOCK_NAME);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            return new Outcome(StepStatus.SKIPPED, who + ": not locked");
        }
        if (!Files.isSymbolicLink(lock)) {
            return new Outcome(StepStatus.SKIPPED, who + ": " + lock
                    + " is not a symlink, so it is not a Lima lock; left alone");
        }
        Path target;
        try {
            target = Files.readSymbolicLink(lock);
        } catch (IOException e) {
            return new Outcome(StepStatus.FAILED, who + ": cannot read lock " + lock + ": " + e.getMessage());
        }
        if (!pointsAt(lock, target, instance.directory())) {
            return new Outcome(StepStatus.SKIPPED, who + ": locked by " + target
                    + ", not by this instance; left locked");
        }
        try {
            Files.delete(lock); // deletes the link itself, never its target
            return new Outcome(StepStatus.SUCCEEDED, who + ": released lock " + lock);
        } catch (NoSuchFileException e) {
            return new Outcome(StepStatus.SKIPPED, who + ": lock vanished before it was released");
        } catch (IOException e) {
            return new Outcome(StepStatus.FAILED, who + ": cannot remove lock " + lock + ": " + e);
        }
    }

    /** Compares lexically and, where both exist, by real path (a Lima home may be reached through a symlink). */
    static boolean pointsAt(Path lock, Path target, Path instanceDir) {
        Path resolved = lock.getParent().resolve(target).toAbsolutePath().normalize();
        Path dir = instanceDir.toAbsolutePath().normalize();
        if (resolved.equals(dir)) {
            return true;
        }
        try {
            return Files.exists(resolved) && Files.exists(dir) && Files.isSameFile(resolved, dir);
        } catch (IOException e) {
            return false;
        }
    }
}
