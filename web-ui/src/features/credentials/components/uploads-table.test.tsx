import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { LAKESIDE, renderInDistrict } from '@/testing/test-utils';
import { UploadsTable } from './uploads-table';

const MANY_ID = 'a1000000-0000-4000-8000-000000000001';
const ONE_ID = 'a1000000-0000-4000-8000-000000000002';

const allErrors = Array.from({ length: 12 }, (_, i) => `users.csv line ${i + 2}: no sourcedId; row skipped`);

/** A rejected upload with 12 errors: the list shows the first 5, the detail all 12. */
const manyErrors: Schemas['CsvUpload'] = {
  id: MANY_ID,
  filename: 'oneroster-2026-11-24.zip',
  sizeBytes: 482133,
  uploadedAt: '2026-11-24T08:00:00Z',
  status: 'REJECTED',
  reason: 'users.csv has 12 rows that cannot be read',
  counts: { 'users.csv': 1200, 'enrollments.csv': 5400 },
  errorCount: 12,
  warningCount: 3,
  firstErrors: allErrors.slice(0, 5),
};

/** An accepted upload whose only error is already listed (and some warnings): nothing more to show. */
const oneError: Schemas['CsvUpload'] = {
  id: ONE_ID,
  filename: 'oneroster-2026-11-23.zip',
  sizeBytes: 204800,
  uploadedAt: '2026-11-23T08:00:00Z',
  status: 'ACCEPTED',
  counts: { 'users.csv': 1200 },
  errorCount: 1,
  warningCount: 4,
  firstErrors: ['enrollments.csv line 9: unknown class c-77; row skipped'],
};

/** The list, and the detail answering per upload id (or with `detail` instead); records which uploads were asked for. */
function uploadsApi(detail?: () => Response | Promise<Response>) {
  const asked: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/uploads', ({ response }) =>
      response(200).json({ items: [manyErrors, oneError], page: 0, size: 20, total: 2 }),
    ),
    http.get('/api/v1/districts/{districtId}/uploads/{uploadId}', ({ params, response }) => {
      asked.push(params.uploadId);
      if (detail) return detail();
      return params.uploadId === MANY_ID
        ? response(200).json({ ...manyErrors, firstErrors: allErrors })
        : problemResponse(404, 'Not Found', 'No such upload in this district');
    }),
  );
  return { asked };
}

describe('Uploads and their checks', () => {
  it('given one upload with more errors than listed and one with all of them listed, when the admin opens the uploads, then only the first offers “Show all 12 errors” and no detail is fetched yet', async () => {
    const { asked } = uploadsApi();
    const { container } = await renderInDistrict(<UploadsTable />, { district: LAKESIDE });

    expect(await screen.findByText('oneroster-2026-11-24.zip')).toBeInTheDocument();
    expect(screen.getByText('oneroster-2026-11-23.zip')).toBeInTheDocument();
    expect(screen.getByText('users.csv line 6: no sourcedId; row skipped')).toBeInTheDocument();
    expect(screen.queryByText('users.csv line 7: no sourcedId; row skipped')).not.toBeInTheDocument();

    const buttons = screen.getAllByRole('button', { name: /^Show all/ });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAccessibleName('Show all 12 errors in oneroster-2026-11-24.zip');
    expect(buttons[0]).toHaveTextContent('Show all 12 errors');
    expect(asked).toEqual([]);
    await expectNoAxeViolations(container);
  });

  it('given an upload with 12 errors, when the admin presses “Show all 12 errors”, then that upload’s detail loads in a dialog listing every error numbered, the rows per file, the reason and the next step', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { asked } = uploadsApi(async () => {
      await gate;
      return Response.json({ ...manyErrors, firstErrors: allErrors });
    });
    const { user } = await renderInDistrict(<UploadsTable />, { district: LAKESIDE });

    await user.click(await screen.findByRole('button', { name: 'Show all 12 errors in oneroster-2026-11-24.zip' }));
    const dialog = await screen.findByRole('dialog', { name: 'Errors in oneroster-2026-11-24.zip' });
    expect(await within(dialog).findByText('Loading the errors…')).toBeInTheDocument();
    release();

    const list = await within(dialog).findByRole('region', { name: 'All errors, numbered' });
    expect(asked).toEqual([MANY_ID]);
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(allErrors);
    expect(within(list).getByRole('list').tagName).toBe('OL');
    expect(within(dialog).getByText('users.csv line 13: no sourcedId; row skipped')).toBeInTheDocument();

    expect(within(dialog).getByText('Rejected')).toBeInTheDocument();
    expect(within(dialog).getByText('The check found 12 errors and 3 warnings.')).toBeInTheDocument();
    expect(within(dialog).getByText('users.csv has 12 rows that cannot be read')).toBeInTheDocument();
    expect(within(dialog).getByText('users.csv: 1,200 rows')).toBeInTheDocument();
    expect(within(dialog).getByText('enrollments.csv: 5,400 rows')).toBeInTheDocument();
    expect(within(dialog).getByText(/^3 warnings: values Rosterline could still read/)).toBeInTheDocument();
    expect(within(dialog).queryByText(/Rosterline kept the first/)).not.toBeInTheDocument();
    expect(
      within(dialog).getByText('Fix these in your SIS export and upload the zip again; Rosterline checks every new upload.'),
    ).toBeInTheDocument();
    await expectNoAxeViolations(document.body);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('given a check that kept fewer errors than it counted, when the admin opens them, then the dialog says how many of how many it shows', async () => {
    const counted = { ...manyErrors, errorCount: 1500, firstErrors: allErrors.slice(0, 5) };
    server.use(
      http.get('/api/v1/districts/{districtId}/uploads', ({ response }) => response(200).json({ items: [counted], page: 0, size: 20, total: 1 })),
      http.get('/api/v1/districts/{districtId}/uploads/{uploadId}', ({ response }) => response(200).json({ ...counted, firstErrors: allErrors })),
    );
    const { user } = await renderInDistrict(<UploadsTable />, { district: LAKESIDE });

    await user.click(await screen.findByRole('button', { name: 'Show all 1,500 errors in oneroster-2026-11-24.zip' }));
    const dialog = await screen.findByRole('dialog', { name: 'Errors in oneroster-2026-11-24.zip' });
    expect(
      await within(dialog).findByText('Rosterline kept the first 12 of 1,500 errors. Once these are fixed, the next upload’s check lists the rest.'),
    ).toBeInTheDocument();
    expect(within(within(dialog).getByRole('region', { name: 'All errors, numbered' })).getAllByRole('listitem')).toHaveLength(12);
  });

  it('given the detail fails, when the admin presses “Show all 12 errors”, then the dialog shows the plain error with Try again, which asks again', async () => {
    const { asked } = uploadsApi(() => problemResponse(500, 'Internal Server Error'));
    const { user } = await renderInDistrict(<UploadsTable />, { district: LAKESIDE });

    await user.click(await screen.findByRole('button', { name: 'Show all 12 errors in oneroster-2026-11-24.zip' }));
    const dialog = await screen.findByRole('dialog', { name: 'Errors in oneroster-2026-11-24.zip' });
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Something went wrong on our side')).toBeInTheDocument();
    expect(within(alert).getByText('Try again in a minute. If it keeps happening, contact Rosterline support.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('region', { name: 'All errors, numbered' })).not.toBeInTheDocument();
    expect(asked).toEqual([MANY_ID]);
    await expectNoAxeViolations(document.body);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(asked).toEqual([MANY_ID, MANY_ID]));
  });
});
