package io.rosterline.api.source;

/**
 * What a live check of a district's SIS found: VALID with what is there ("Harbor Unified, 42 schools"), INVALID with
 * a plain reason, or NOT_CHECKED when the platform cannot be checked live.
 */
public record ConnectionCheck(ValidationStatus status, String message, AuthMethod workingMethod,
                              String districtName, Integer schoolCount) {

    public static ConnectionCheck invalid(String reason) {
        return new ConnectionCheck(ValidationStatus.INVALID, reason, null, null, null);
    }

    public static ConnectionCheck notChecked(String reason) {
        return new ConnectionCheck(ValidationStatus.NOT_CHECKED, reason, null, null, null);
    }
}
