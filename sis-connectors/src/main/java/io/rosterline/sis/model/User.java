package io.rosterline.sis.model;

import java.time.Instant;
import java.util.List;

/**
 * A person. {@code role} is the OneRoster 1.1 single role; for OneRoster 1.2 sources it is the primary role of
 * {@code roles}. Passwords are never carried: Rosterline has no use for them.
 */
public record User(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        Boolean enabledUser,
        String username,
        List<UserId> userIds,
        String givenName,
        String familyName,
        String middleName,
        String identifier,
        String email,
        Role role,
        List<UserRole> roles,
        List<String> orgSourcedIds,
        List<String> agentSourcedIds,
        List<String> grades,
        List<UserProfile> userProfiles) implements RosterRecord {

    /** An identifier of this user in another system, e.g. {LDAP:12}. */
    public record UserId(String type, String identifier) {
    }

    /** A OneRoster 1.2 role of a user at an org; roleType is primary or secondary. */
    public record UserRole(String roleType, Role role, String orgSourcedId, String userProfileSourcedId,
                           java.time.LocalDate beginDate, java.time.LocalDate endDate) {
    }

    /** A OneRoster 1.2 user profile (an account of the user in some application). */
    public record UserProfile(String profileId, String profileType, String vendorId, String applicationId,
                              String description, String credentialType, String username) {
    }

    @Override
    public RosterCollection collection() {
        return RosterCollection.USERS;
    }
}
