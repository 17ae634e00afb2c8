package io.rosterline.api.sftp;

import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.session.SessionContext;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.UUID;

/**
 * Each district sees only its own folder: a rooted file system whose "/" is the district's staging directory, so
 * "cd ..", absolute paths and ".." segments all stay inside it (MINA's RootedFileSystem resolves every path against
 * the root). Symbolic links are refused by {@link UploadListener}.
 */
final class DistrictFileSystems implements FileSystemFactory {

    static final AttributeRepository.AttributeKey<UUID> DISTRICT = new AttributeRepository.AttributeKey<>();

    private final Path stagingRoot;

    DistrictFileSystems(Path stagingRoot) {
        this.stagingRoot = stagingRoot;
    }

    Path districtDir(UUID districtId) {
        return stagingRoot.resolve(districtId.toString());
    }

    @Override
    public Path getUserHomeDir(SessionContext session) {
        // Inside the rooted file system the home is its root.
        return null;
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        UUID district = session.getAttribute(DISTRICT);
        if (district == null) {
            throw new IOException("Not signed in to a district account");
        }
        Path dir = Files.createDirectories(districtDir(district));
        return new RootedFileSystemProvider().newFileSystem(dir, Collections.emptyMap());
    }
}
