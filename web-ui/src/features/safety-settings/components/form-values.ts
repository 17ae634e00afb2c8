import type { SafetySettings } from '../api/get-safety-settings';
import type { SafetySettingsUpdate } from '../api/update-safety-settings';

/** A number field as Mantine's NumberInput holds it: '' while empty. */
type NumberField = number | string;

/** What the form lets an admin set; every other field of the settings is sent back exactly as it was read. */
export type SafetyFormValues = {
  userRemovalPercent: NumberField;
  userRemovalMinCount: NumberField;
  enrollmentRemovalPercent: NumberField;
  enrollmentRemovalMinCount: NumberField;
  licenseRemovalPercent: NumberField;
  licenseRemovalMinCount: NumberField;
  /** Empty: the district-wide value applies to each school too. */
  schoolUserRemovalPercent: NumberField;
  schoolUserRemovalMinCount: NumberField;
  schoolEnrollmentRemovalPercent: NumberField;
  schoolEnrollmentRemovalMinCount: NumberField;
  minClassSize: NumberField;
  rolloverStart: string | null;
  rolloverEnd: string | null;
  rolloverRemovalPercent: NumberField;
  applyAdditionsWhileHeld: boolean;
  minSourcePercent: NumberField;
  licenseGraceDays: NumberField;
  notificationEmail: string;
  shadowNightly: boolean;
  /** The rules tried, in order, to match a person to an existing account; null: Rosterline's standard order. */
  accountMatchOrder: string[] | null;
};

/** The fields whose server errors map one to one; accountMatchOrder[i] errors are read by matchOrderError. */
export const FORM_FIELDS = [
  'userRemovalPercent',
  'userRemovalMinCount',
  'enrollmentRemovalPercent',
  'enrollmentRemovalMinCount',
  'licenseRemovalPercent',
  'licenseRemovalMinCount',
  'schoolUserRemovalPercent',
  'schoolUserRemovalMinCount',
  'schoolEnrollmentRemovalPercent',
  'schoolEnrollmentRemovalMinCount',
  'minClassSize',
  'rolloverStart',
  'rolloverEnd',
  'rolloverRemovalPercent',
  'applyAdditionsWhileHeld',
  'minSourcePercent',
  'licenseGraceDays',
  'notificationEmail',
  'shadowNightly',
] as const satisfies readonly (keyof SafetyFormValues)[];

const orEmpty = (n: number | null | undefined): NumberField => n ?? '';
const orNull = (v: NumberField): number | null => (v === '' ? null : Number(v));

export function toFormValues(saved: SafetySettings): SafetyFormValues {
  return {
    userRemovalPercent: saved.userRemovalPercent,
    userRemovalMinCount: saved.userRemovalMinCount,
    enrollmentRemovalPercent: saved.enrollmentRemovalPercent,
    enrollmentRemovalMinCount: saved.enrollmentRemovalMinCount,
    licenseRemovalPercent: saved.licenseRemovalPercent,
    licenseRemovalMinCount: saved.licenseRemovalMinCount,
    schoolUserRemovalPercent: orEmpty(saved.schoolUserRemovalPercent),
    schoolUserRemovalMinCount: orEmpty(saved.schoolUserRemovalMinCount),
    schoolEnrollmentRemovalPercent: orEmpty(saved.schoolEnrollmentRemovalPercent),
    schoolEnrollmentRemovalMinCount: orEmpty(saved.schoolEnrollmentRemovalMinCount),
    minClassSize: saved.minClassSize,
    rolloverStart: saved.rolloverStart ?? null,
    rolloverEnd: saved.rolloverEnd ?? null,
    rolloverRemovalPercent: saved.rolloverRemovalPercent,
    applyAdditionsWhileHeld: saved.applyAdditionsWhileHeld,
    minSourcePercent: saved.minSourcePercent,
    licenseGraceDays: saved.licenseGraceDays ?? 0,
    notificationEmail: saved.notificationEmail ?? '',
    shadowNightly: saved.shadowNightly ?? false,
    accountMatchOrder: saved.accountMatchOrder ?? null,
  };
}

/**
 * The PUT replaces the whole object, so the body starts from everything the server sent (the fields this form does not
 * show, and any the API adds later) and overlays the form's.
 */
export function toRequestBody(saved: SafetySettings, values: SafetyFormValues): SafetySettingsUpdate {
  return {
    ...saved,
    userRemovalPercent: Number(values.userRemovalPercent),
    userRemovalMinCount: Number(values.userRemovalMinCount),
    enrollmentRemovalPercent: Number(values.enrollmentRemovalPercent),
    enrollmentRemovalMinCount: Number(values.enrollmentRemovalMinCount),
    licenseRemovalPercent: Number(values.licenseRemovalPercent),
    licenseRemovalMinCount: Number(values.licenseRemovalMinCount),
    schoolUserRemovalPercent: orNull(values.schoolUserRemovalPercent),
    schoolUserRemovalMinCount: orNull(values.schoolUserRemovalMinCount),
    schoolEnrollmentRemovalPercent: orNull(values.schoolEnrollmentRemovalPercent),
    schoolEnrollmentRemovalMinCount: orNull(values.schoolEnrollmentRemovalMinCount),
    minClassSize: Number(values.minClassSize),
    rolloverStart: values.rolloverStart ?? undefined,
    rolloverEnd: values.rolloverEnd ?? undefined,
    rolloverRemovalPercent: Number(values.rolloverRemovalPercent),
    applyAdditionsWhileHeld: values.applyAdditionsWhileHeld,
    minSourcePercent: Number(values.minSourcePercent),
    licenseGraceDays: Number(values.licenseGraceDays),
    notificationEmail: values.notificationEmail.trim() || undefined,
    shadowNightly: values.shadowNightly,
    accountMatchOrder: values.accountMatchOrder,
  };
}

const isEmpty = (v: NumberField) => v === '' || Number.isNaN(Number(v));
const percent = (v: NumberField) => (isEmpty(v) ? 'Enter a percentage from 0 to 100' : Number(v) < 0 || Number(v) > 100 ? 'Must be from 0 to 100' : null);
const count = (v: NumberField) => (isEmpty(v) ? 'Enter a number, 0 or more' : Number(v) < 0 || !Number.isInteger(Number(v)) ? 'Must be a whole number, 0 or more' : null);
const optionalPercent = (v: NumberField) => (v === '' ? null : percent(v));
const optionalCount = (v: NumberField) => (v === '' ? null : count(v));

export const validateSafetyForm = {
  userRemovalPercent: percent,
  userRemovalMinCount: count,
  enrollmentRemovalPercent: percent,
  enrollmentRemovalMinCount: count,
  licenseRemovalPercent: percent,
  licenseRemovalMinCount: count,
  schoolUserRemovalPercent: optionalPercent,
  schoolUserRemovalMinCount: optionalCount,
  schoolEnrollmentRemovalPercent: optionalPercent,
  schoolEnrollmentRemovalMinCount: optionalCount,
  minClassSize: count,
  rolloverStart: (start: string | null, values: SafetyFormValues) =>
    !start && values.rolloverEnd ? 'Pick the first day too, or clear both days' : null,
  rolloverEnd: (end: string | null, values: SafetyFormValues) => {
    if (!end && values.rolloverStart) return 'Pick the last day too, or clear both days';
    if (end && values.rolloverStart && end < values.rolloverStart) return 'The last day must be on or after the first day';
    return null;
  },
  rolloverRemovalPercent: percent,
  minSourcePercent: percent,
  licenseGraceDays: (v: NumberField) => count(v) ?? (Number(v) > 365 ? 'Must be at most 365 days' : null),
  notificationEmail: (v: string) => (!v.trim() || /^[^\s@]+@[^\s@]+$/.test(v.trim()) ? null : 'Enter an email address, like rostering@district.org'),
};
