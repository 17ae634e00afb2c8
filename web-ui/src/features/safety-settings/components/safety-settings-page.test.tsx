import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { toFormValues, toRequestBody } from './form-values';
import { SafetySettingsPage } from './safety-settings-page';

/** Every field the API has, the ones the form does not show set away from their defaults. */
const stored: Schemas['SafetySettings'] = {
  userRemovalPercent: 10,
  userRemovalMinCount: 50,
  enrollmentRemovalPercent: 12.5,
  enrollmentRemovalMinCount: 60,
  licenseRemovalPercent: 10,
  licenseRemovalMinCount: 50,
  minClassSize: 5,
  rolloverStart: '2027-06-15',
  rolloverEnd: '2027-08-31',
  rolloverRemovalPercent: 60,
  applyAdditionsWhileHeld: true,
  minSourcePercent: 50,
  notificationEmail: 'rostering@harbor.k12.example',
  shadowNightly: true,
  schoolUserRemovalPercent: 25,
  schoolUserRemovalMinCount: 20,
  schoolEnrollmentRemovalPercent: null,
  schoolEnrollmentRemovalMinCount: null,
  licenseGraceDays: 0,
  accountMatchOrder: ['IDENTIFIER', 'SOURCED_ID', 'EMAIL'],
};
/** A field a newer API might add: the form must carry it back too, without knowing it. */
const storedByANewerApi = { ...stored, unknownFutureRule: 'keep me' } as Schemas['SafetySettings'];

function safetyApi(initial: Schemas['SafetySettings'] = storedByANewerApi) {
  let current = initial;
  const puts: unknown[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) => response(200).json(current)),
    http.put('/api/v1/districts/{districtId}/safety-settings', async ({ request, response }) => {
      const body = await request.json();
      puts.push(body);
      current = body;
      return response(200).json(current);
    }),
  );
  return { puts };
}

describe('Safety settings', () => {
  it('given stored settings, when the admin changes two of them and saves, then every other field goes back unchanged, the hidden ones included', async () => {
    const { puts } = safetyApi();
    const { user, container } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });

    const peopleShare = await screen.findByRole('textbox', { name: /^People: share removed/ });
    expect(peopleShare).toHaveValue('10 %');
    expect(screen.getByRole('textbox', { name: /^Enrollments: share removed/ })).toHaveValue('12.5 %');
    // Empty per-school fields say what applies instead.
    expect(screen.getByRole('textbox', { name: /^Enrollments per school: share removed/ })).toHaveAttribute('placeholder', 'Same as the district (12.5 %)');
    expect(screen.getByRole('textbox', { name: 'Email for held and failed syncs' })).toHaveValue('rostering@harbor.k12.example');
    expect(screen.getByRole('switch', { name: /Add new people, classes and licenses/ })).toBeChecked();
    const matchOrder = screen.getByRole('region', { name: 'Matching people to existing accounts' });
    expect(within(matchOrder).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'The SIS identifier (for example the student number)',
      'The SIS record id',
      'Email address',
    ]);
    await expectNoAxeViolations(container);

    await user.clear(peopleShare);
    await user.type(peopleShare, '15');
    const grace = screen.getByRole('textbox', { name: 'Days a removed license stays usable' });
    await user.clear(grace);
    await user.type(grace, '7');
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...storedByANewerApi, userRemovalPercent: 15, licenseGraceDays: 7 }]);
  });

  it('given no changes, when the admin saves, then the body is exactly what was read', async () => {
    const { puts } = safetyApi();
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    await user.click(await screen.findByRole('button', { name: 'Save safety settings' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual(storedByANewerApi);
  });

  it('given a rollover that ends before it starts, when saved, then the form says so and sends nothing; a field the server refuses is shown on it', async () => {
    const { puts } = safetyApi({ ...stored, rolloverStart: '2027-08-31', rolloverEnd: '2027-06-15' });
    server.use(
      http.put('/api/v1/districts/{districtId}/safety-settings', ({ response }) =>
        response.untyped(problemResponse(400, 'Bad Request', 'Some settings are not valid.', [{ field: 'put.body.notificationEmail', message: 'must be an email address' }])),
      ),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    await user.click(await screen.findByRole('button', { name: 'Save safety settings' }));
    expect(await screen.findByText('The last day must be on or after the first day')).toBeInTheDocument();
    expect(puts).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove the rollover start' }));
    await user.click(screen.getByRole('button', { name: 'Remove the rollover end' }));
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));
    expect(await screen.findByText('must be an email address')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email for held and failed syncs' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('given an integrator, when they open the page, then they can read every setting but not change or save it', async () => {
    safetyApi();
    await renderInDistrict(<SafetySettingsPage canEdit={false} />, { subPath: '/safety' });
    expect(await screen.findByRole('status', { name: 'View only' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^People: share removed/ })).toBeDisabled();
    expect(screen.getByRole('switch', { name: /Add new people/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
  });

  it('given the settings cannot be loaded, when the page opens, then the reason and a retry show', async () => {
    let attempts = 0;
    server.use(
      http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) => {
        attempts += 1;
        return attempts === 1 ? response.untyped(problemResponse(500, 'Internal Server Error')) : response(200).json(stored);
      }),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(retry.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
    await user.click(retry);
    expect(await screen.findByRole('textbox', { name: /^People: share removed/ })).toHaveValue('10 %');
  });
});

describe('Safety settings form values', () => {
  it('sends an emptied per-school field as null (the district-wide value applies) and an emptied email as absent', () => {
    const values = { ...toFormValues(stored), schoolUserRemovalPercent: '', notificationEmail: '  ' };
    const body = toRequestBody(stored, values);
    expect(body.schoolUserRemovalPercent).toBeNull();
    expect(body.schoolUserRemovalMinCount).toBe(20);
    expect(body.notificationEmail).toBeUndefined();
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('notificationEmail');
    expect(body.shadowNightly).toBe(true);
    expect(body.accountMatchOrder).toEqual(['IDENTIFIER', 'SOURCED_ID', 'EMAIL']);
  });
});
