import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative } from './dates';

describe('dates in the district’s time zone', () => {
  it('shows an instant in the district’s zone, whoever looks', () => {
    expect(formatDateTime('2026-11-24T05:30:00Z', 'America/Los_Angeles')).toMatch(/Nov 23, 2026, 9:30\sPM PST/);
    expect(formatDateTime('2026-11-24T05:30:00Z', 'America/New_York')).toMatch(/Nov 24, 2026, 12:30\sAM EST/);
  });
  it('never shifts a calendar date', () => {
    expect(formatDate('2027-01-04')).toBe('Jan 4, 2027');
  });
  it('falls back gracefully', () => {
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('2026-11-24T05:30:00Z', 'Mars/Olympus')).toMatch(/2026/);
    expect(formatRelative('2026-11-24T05:00:00Z', Date.parse('2026-11-24T05:30:00Z'))).toBe('30 minutes ago');
  });
});
