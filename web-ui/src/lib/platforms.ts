import type { Schemas } from '@/api/client';

export type Platform = Schemas['RosterPlatform'];

// Typed against the generated enum: a platform added to the API fails compilation until it has a label here.
export const platformLabels: Record<Platform, string> = {
  ONEROSTER_API: 'OneRoster 1.1 (REST API)',
  ONEROSTER_CSV: 'OneRoster 1.1 (CSV files over SFTP)',
  POWERSCHOOL: 'PowerSchool',
  ONEROSTER_12_API: 'OneRoster 1.2 (REST API)',
  ONEROSTER_12_CSV: 'OneRoster 1.2 (CSV files over SFTP)',
};

/** CSV districts drop zip files on Rosterline's SFTP server; the others are read over the SIS's API. */
export const isCsvPlatform = (p: Platform | undefined) => p === 'ONEROSTER_CSV' || p === 'ONEROSTER_12_CSV';
