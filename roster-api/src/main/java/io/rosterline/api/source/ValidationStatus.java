package io.rosterline.api.source;

public enum ValidationStatus {
    VALID, INVALID, NOT_CHECKED
}
