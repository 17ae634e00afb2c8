package io.rosterline.api.sftp;

import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Watches SFTP file operations: refuses writes past the size limit and symbolic links, and hands every file that was
 * written and closed to the {@link UploadService}, which stores it in PostgreSQL and checks it. The staged copy on
 * local disk is deleted afterwards.
 */
final class UploadListener implements SftpEventListener {

    private static final Logger LOG = Logger.getLogger(UploadListener.class);
    private static final AttributeRepository.AttributeKey<Boolean> WRITTEN = new AttributeRepository.AttributeKey<>();
    private static final AttributeRepository.AttributeKey<Boolean> TOO_BIG = new AttributeRepository.AttributeKey<>();

    private final DistrictFileSystems fileSystems;
    private final UploadService uploads;
    private final long maxBytes;

    UploadListener(DistrictFileSystems fileSystems, UploadService uploads, long maxBytes) {
        this.fileSystems = fileSystems;
        this.uploads = uploads;
        this.maxBytes = maxBytes;
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        if (offset + dataLen > maxBytes) {
            localHandle.setAttribute(TOO_BIG, Boolean.TRUE);
            throw new IOException("The file is larger than the limit of " + UploadService.humanSize(maxBytes) + "; upload refused.");
        }
        localHandle.setAttribute(WRITTEN, Boolean.TRUE);
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw new AccessDeniedException(source.toString(), target.toString(), "links are not allowed on this server");
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) throws IOException {
        if (!(localHandle instanceof FileHandle) || localHandle.getAttribute(WRITTEN) == null) {
            return;
        }
        UUID district = session.getAttribute(DistrictFileSystems.DISTRICT);
        Path staged = realPath(district, localHandle.getFile());
        try {
            if (localHandle.getAttribute(TOO_BIG) != null || thrown != null) {
                return;
            }
            String name = staged.getFileName().toString();
            uploads.ingest(district, name, staged, "sftp:" + session.getUsername());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Storing the SFTP upload of district %s failed", district);
            throw new IOException("The upload could not be stored; please try again.");
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The staged file on the local disk behind a path of the district's rooted file system. */
    private Path realPath(UUID district, Path rooted) throws IOException {
        Path root = fileSystems.districtDir(district).toAbsolutePath().normalize();
        String relative = rooted.toAbsolutePath().normalize().toString();
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path real = root.resolve(relative).normalize();
        if (!real.startsWith(root)) {
            throw new AccessDeniedException(rooted.toString());
        }
        return real;
    }
}
