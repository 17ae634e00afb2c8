package io.rosterline.api.selection;

import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.credentials.CredentialsService;
import io.rosterline.api.credentials.CredentialsService.StoredConnection;
import io.rosterline.api.source.SisGateway;
import io.rosterline.api.source.UnsafeAddressException;
import io.rosterline.sis.RosterReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Discovery reads with the district's stored SIS connection, through the one gateway to the connector library. */
@ApplicationScoped
public class GatewaySisDirectory implements SisDirectory {

    @Inject
    CredentialsService credentials;
    @Inject
    SisGateway gateway;

    @Override
    public RosterReader open(UUID districtId) {
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
}
