package io.rosterline.api.notifications;

import java.util.UUID;

/**
 * Fired inside a roster transaction that may have written notifications; {@link NotificationMailer} sends them once
 * that transaction has committed (a rolled-back transaction sends nothing).
 */
public record NotificationsWritten(UUID districtId) {
}
