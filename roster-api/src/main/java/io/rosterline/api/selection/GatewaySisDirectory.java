package io.rosterline.api.selection;

import io.rosterline.sis.SpooledFileReader;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.credentials.CredentialsService;
import io.rosterline.api.credentials.CredentialsService.StoredConnection;
import io.rosterline.api.district.District;
import io.rosterline.api.sftp.SftpAccountService;
import io.rosterline.api.sftp.UploadService;
import io.rosterline.api.source.SisGateway;
import io.rosterline.api.source.UnsafeAddressException;
import io.rosterline.sis.RosterReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Discovery reads with the district's stored SIS connection, through the one gateway to the connector library. A
 * OneRoster CSV district is read from its newest accepted upload: the zip streams from its PostgreSQL large object to
 * a temporary file (a zip needs random access; it is never held in memory), which is deleted when the reader closes.
 */
@ApplicationScoped
public class GatewaySisDirectory implements SisDirectory {

    @Inject
    CredentialsService credentials;
    @Inject
    SisGateway gateway;
    @Inject
    UploadService uploads;
    @Inject
    SftpAccountService sftp;

    @Override
    public RosterReader open(UUID districtId) {
        District district = District.require(districtId);
        if (district.platform.sendsFiles()) {
            return openLatestUpload(districtId);
        }
        StoredConnection stored;
        try {
            stored = credentials.storedConnection(districtId);
        } catch (ProblemException e) {
            if (e.type == ProblemType.NOT_FOUND) {
                throw ProblemException.conflict("Connect your student information system first; then its schools, courses and terms can be loaded.");
            }
            throw e;
        }
        try {
            return gateway.open(stored.connection(), stored.workingMethod());
        } catch (UnsafeAddressException e) {
            throw ProblemException.conflict("Rosterline will not connect to the saved SIS address: " + e.getMessage() + ".");
        }
    }

    private RosterReader openLatestUpload(UUID districtId) {
        UploadService.StoredUpload upload = uploads.latestAcceptedUploadInfo(districtId).orElseThrow(() -> ProblemException.conflict(
                "No accepted OneRoster CSV upload yet, so there are no schools, courses or terms to load. "
                        + sftp.uploadInstruction(districtId) + "."));
        Path file;
        try {
            file = Files.createTempFile("rosterline-discovery-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (InputStream in = uploads.open(districtId, upload.id())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return new SpooledFileReader(gateway.openCsv(file), file);
        } catch (IOException e) {
            SpooledFileReader.delete(file);
            throw new UncheckedIOException("Reading the upload from the database failed", e);
        } catch (RuntimeException e) {
            SpooledFileReader.delete(file);
            throw e;
        }
    }
}
