import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { harborDistrict, problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict, supportUser } from '@/testing/test-utils';
import { DistrictSettings } from './district-settings';

describe('District settings', () => {
  it('given Harbor, when the district admin changes the time zone and saves, then the change is sent and a green notification confirms it', async () => {
    let sent: Schemas['DistrictUpdate'] | undefined;
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ params, response }) =>
        response(200).json({ ...harborDistrict, id: params.districtId }),
      ),
      http.put('/api/v1/districts/{districtId}', async ({ request, response }) => {
        sent = await request.json();
        return response(200).json({ ...harborDistrict, ...sent, updatedAt: '2026-11-23T18:00:00Z' });
      }),
    );
    const { user, container } = await renderInDistrict(<DistrictSettings isSupport={false} />);

    const timezone = await screen.findByRole('combobox', { name: /time zone/i });
    expect(screen.getByRole('textbox', { name: /district name/i })).toBeDisabled();
    await expectNoAxeViolations(container);

    await user.clear(timezone);
    await user.type(timezone, 'Denver');
    await user.keyboard('{ArrowDown}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('District settings saved.')).toBeInTheDocument();
    // A district admin does not send the support-only identity fields.
    expect(sent).toEqual({ timezone: 'America/Denver', platform: 'ONEROSTER_API', nightlyWindow: { start: '00:00', end: '02:00' } });
  });

  it('given the API refuses the nightly window, when saving, then the plain reason shows under that field', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.put('/api/v1/districts/{districtId}', ({ response }) =>
        response.untyped(problemResponse(400, 'Some fields are not valid', 'Check the highlighted fields and try again.', [
            { field: 'update.body.nightlyWindow.end', message: 'The window must end after it starts' },
          ]),
        ),
      ),
    );
    const { user } = await renderInDistrict(<DistrictSettings isSupport={false} />);
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));

    const end = screen.getByLabelText(/nightly sync window ends/i);
    await waitFor(() => expect(end).toHaveAccessibleDescription(/the window must end after it starts/i));
    expect(within(screen.getByRole('form')).getByRole('alert')).toHaveTextContent('Some details need fixing');
  });

  it('given support staff, when they open settings, then identity fields are editable and the district can be archived after confirming', async () => {
    let archived = false;
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.delete('/api/v1/districts/{districtId}', ({ response }) => {
        archived = true;
        return response(200).json({ ...harborDistrict, archived: true });
      }),
    );
    const { user, router } = await renderInDistrict(<DistrictSettings isSupport />, { user: supportUser });
    expect(await screen.findByRole('textbox', { name: /district name/i })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Archive district…' }));
    const dialog = await screen.findByRole('dialog', { name: `Archive ${HARBOR.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));

    await waitFor(() => expect(archived).toBe(true));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/districts'));
  });

  it('given the server fails, when settings load, then a plain message and a retry button show', async () => {
    let calls = 0;
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => {
        calls += 1;
        return calls === 1
          ? response.untyped(problemResponse(500, 'Internal Server Error'))
          : response(200).json(harborDistrict);
      }),
    );
    const { user } = await renderInDistrict(<DistrictSettings isSupport={false} />);
    expect(await screen.findByText('Something went wrong on our side')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Save settings' })).toBeInTheDocument();
  });
});
