import type { CalendarAriaLabels } from '@mantine/dates';

/** Names for the date pickers' navigation buttons, which Mantine leaves unnamed (screen readers would say "button"). */
export const calendarAriaLabels: CalendarAriaLabels = {
  nextMonth: 'Next month',
  previousMonth: 'Previous month',
  nextYear: 'Next year',
  previousYear: 'Previous year',
  nextDecade: 'Next decade',
  previousDecade: 'Previous decade',
  monthLevelControl: 'Pick another month',
  yearLevelControl: 'Pick another year',
};
