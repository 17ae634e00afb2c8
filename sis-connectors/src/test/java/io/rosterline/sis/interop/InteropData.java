package io.rosterline.sis.interop;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds the third-party OneRoster data kept outside the repository (shared/interop beside the repository root).
 *
 * <p>Order: system property {@code rosterline.interop.dir}; else walk up from the module directory and take the first
 * {@code shared/interop} found (covers both {repo}/../shared in CI and the worktree layout of a developer machine).
 * When the folder is simply not there (a checkout without shared/), the tests that need it say so and are aborted
 * instead of failing; CI always places shared/ beside its clone, so there nothing is skipped. A configured folder
 * that does not exist, or a sample missing from a folder that does, is a broken setup and fails.
 */
public final class InteropData {

    private InteropData() {
    }

    public static Path dir() {
        String configured = System.getProperty("rosterline.interop.dir");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                fail("rosterline.interop.dir points to " + p + ", which is not a folder");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("interop");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("This test needs the third-party OneRoster data in shared/interop, which is not in " + start
                + " or any folder above it (expected ../shared/interop next to the repository root; or pass "
                + "-Drosterline.interop.dir=/path/to/interop).");
        throw new AssertionError("unreachable");
    }

    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            fail("Interop sample " + p + " is missing");
        }
        return p;
    }
}
