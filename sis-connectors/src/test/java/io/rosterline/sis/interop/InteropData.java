package io.rosterline.sis.interop;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds the third-party OneRoster data kept outside the repository (shared/interop beside the repository root).
 *
 * <p>Order: system property {@code rosterline.interop.dir}; else walk up from the module directory and take the first
 * {@code shared/interop} found (covers both {repo}/../shared in CI and the worktree layout of a developer machine).
 * When it is absent the tests FAIL, on CI and locally alike, with the paths searched: the project forbids skipped
 * tests, and CI always places shared/ beside its clone, so a missing folder is a broken setup, not a reason to pass.
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
        return fail("The interoperability data folder shared/interop was not found in " + start
                + " or any parent (expected ../shared/interop next to the repository root). "
                + "Put it there or pass -Drosterline.interop.dir=/path/to/interop.");
    }

    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            fail("Interop sample " + p + " is missing");
        }
        return p;
    }
}
