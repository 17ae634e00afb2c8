import { notifications } from '@mantine/notifications';
import { toPlainError } from '@/lib/problem';

export function notifySaved(message: string) {
  notifications.show({ color: 'green', title: 'Saved', message, closeButtonProps: { 'aria-label': 'Dismiss' } });
}

/** A failed save: the plain reason and, in the form itself, the field errors. */
export function notifyFailed(action: string, error: unknown) {
  const plain = toPlainError(error);
  notifications.show({ color: 'red', title: `${action} failed: ${plain.title}`, message: plain.message, autoClose: 10000, closeButtonProps: { 'aria-label': 'Dismiss' } });
}
