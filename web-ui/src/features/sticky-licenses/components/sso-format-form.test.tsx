import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { SsoFormatSection } from './sso-format-form';

function ssoApi(initial: Schemas['SsoFormat'] = { emailDomain: 'harbor.k12.ca.us', loginPattern: '[a-z]+[0-9]*' }) {
  let current = initial;
  const puts: Schemas['SsoFormat'][] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/sso-format', ({ response }) => response(200).json(current)),
    http.put('/api/v1/districts/{districtId}/sso-format', async ({ request, response }) => {
      const body = await request.json();
      puts.push(body);
      if (body.loginPattern === '[a-z') {
        return response.untyped(problemResponse(400, 'Bad Request', 'One field is not valid.', [{ field: 'put.body.loginPattern', message: 'is not a regular expression' }]));
      }
      current = body;
      return response(200).json(current);
    }),
  );
  return { puts };
}

describe('SSO sign-in format', () => {
  it('given a stored format, when the admin changes the domain and clears the pattern, then the new domain is sent and the pattern check is turned off', async () => {
    const { puts } = ssoApi();
    const { user, container } = await renderInDistrict(<SsoFormatSection districtId={HARBOR.id} canEdit />);
    const domain = await screen.findByRole('textbox', { name: /^SSO email domain/ });
    expect(domain).toHaveValue('harbor.k12.ca.us');
    const pattern = screen.getByRole('textbox', { name: /^SSO sign-in name pattern/ });
    expect(pattern).toHaveValue('[a-z]+[0-9]*');
    // Nothing changed yet: nothing to save.
    expect(screen.getByRole('button', { name: 'Save sign-in format' })).toBeDisabled();
    await expectNoAxeViolations(container);

    await user.clear(domain);
    await user.type(domain, '@harborusd.org');
    await user.clear(pattern);
    await user.click(screen.getByRole('button', { name: 'Save sign-in format' }));

    expect(await screen.findByText('Sign-in format saved. It applies to people entered from now on.')).toBeInTheDocument();
    expect(puts).toEqual([{ emailDomain: 'harborusd.org' }]);
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^SSO email domain/ })).toHaveValue('harborusd.org'));
  });

  it('given a wrong domain or a pattern the server refuses, when saved, then each shows on its field', async () => {
    const { puts } = ssoApi();
    const { user } = await renderInDistrict(<SsoFormatSection districtId={HARBOR.id} canEdit />);
    const domain = await screen.findByRole('textbox', { name: /^SSO email domain/ });
    await user.clear(domain);
    await user.type(domain, 'not a domain');
    await user.click(screen.getByRole('button', { name: 'Save sign-in format' }));
    expect(await screen.findByText('Enter a domain like district.k12.ca.us')).toBeInTheDocument();
    expect(puts).toEqual([]);

    await user.clear(domain);
    await user.type(domain, 'harbor.k12.ca.us');
    const pattern = screen.getByRole('textbox', { name: /^SSO sign-in name pattern/ });
    await user.clear(pattern);
    await user.type(pattern, '[[a-z');
    await user.click(screen.getByRole('button', { name: 'Save sign-in format' }));
    const form = screen.getByRole('form', { name: 'SSO sign-in format' });
    expect(await within(form).findByText('is not a regular expression')).toBeInTheDocument();
    expect(pattern).toHaveAttribute('aria-invalid', 'true');
  });

  it('given an integrator, when they look at the format, then it is shown but cannot be changed', async () => {
    ssoApi();
    await renderInDistrict(<SsoFormatSection districtId={HARBOR.id} canEdit={false} />);
    expect(await screen.findByRole('textbox', { name: /^SSO email domain/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save sign-in format' })).not.toBeInTheDocument();
    expect(screen.getByText('Only your district’s admins and Rosterline support can change it.')).toBeInTheDocument();
  });
});
