import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { harborDistrict, lakesideDistrict } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, LAKESIDE, renderInDistrict } from '@/testing/test-utils';
import { CredentialsPage } from './credentials-page';

const savedCredentials: Schemas['SisCredentials'] = {
  districtId: HARBOR.id,
  platform: 'ONEROSTER_API',
  configured: true,
  baseUrl: 'https://sis.harbor.example/ims/oneroster/v1p1',
  clientId: 'harbor-key',
  secretSet: true,
  secretLastFour: '1234',
  authMethod: 'DETECT',
  validation: { status: 'NOT_CHECKED' },
};

describe('Credentials', () => {
  it('given a stored secret, when the admin saves other details, then the secret shows only “set, ending …1234”, is not sent, and the live check result is announced', async () => {
    let sent: Schemas['SisCredentialsUpdate'] | undefined;
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.get('/api/v1/districts/{districtId}/credentials', ({ response }) => response(200).json(savedCredentials)),
      http.put('/api/v1/districts/{districtId}/credentials', async ({ request, response }) => {
        sent = await request.json();
        return response(200).json({
          ...savedCredentials,
          ...sent,
          updatedAt: '2026-11-23T19:00:00Z',
          validation: { status: 'VALID', districtName: 'Harbor Unified', schoolCount: 42, checkedAt: '2026-11-23T19:00:00Z' },
        });
      }),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    );
    const { user, container } = await renderInDistrict(<CredentialsPage />);

    const secret = await screen.findByLabelText(/client secret/i);
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('placeholder', 'set, ending …1234');
    await expectNoAxeViolations(container);

    const clientId = screen.getByRole('textbox', { name: /client id/i });
    await user.clear(clientId);
    await user.type(clientId, 'harbor-key-2');
    await user.click(screen.getByRole('button', { name: 'Save and check' }));

    expect(await screen.findByText('Connected to Harbor Unified, 42 schools found.')).toBeInTheDocument();
    expect(sent).toEqual({
      baseUrl: 'https://sis.harbor.example/ims/oneroster/v1p1',
      clientId: 'harbor-key-2',
      authMethod: 'DETECT',
      // Nothing stored yet: the server's defaults are what the form shows and sends.
      oauth1SignatureMethod: 'HMAC_SHA256',
      oauth2ClientAuth: 'BASIC_HEADER',
    });
  });

  it('given an OAuth 1 SIS signing with SHA-1, when the admin switches to OAuth 2 and picks the header, then only the matching choice shows and both are sent', async () => {
    let sent: Schemas['SisCredentialsUpdate'] | undefined;
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.get('/api/v1/districts/{districtId}/credentials', ({ response }) =>
        response(200).json({ ...savedCredentials, authMethod: 'OAUTH1', oauth1SignatureMethod: 'HMAC_SHA1', oauth2ClientAuth: 'FORM_BODY' }),
      ),
      http.put('/api/v1/districts/{districtId}/credentials', async ({ request, response }) => {
        sent = await request.json();
        return response(200).json({ ...savedCredentials, ...sent, updatedAt: '2026-11-23T19:02:00Z', validation: { status: 'NOT_CHECKED' } });
      }),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    );
    const { user, container } = await renderInDistrict(<CredentialsPage />);

    const signature = await screen.findByRole('combobox', { name: /^OAuth 1 signature method/ });
    expect(signature).toHaveValue('HMAC-SHA1');
    expect(screen.getByText('Most SISs use HMAC-SHA256; choose SHA-1 only if your SIS vendor says so.')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /client id and secret are sent/ })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByText('OAuth 2', { exact: true }));
    expect(screen.queryByRole('combobox', { name: /^OAuth 1 signature method/ })).not.toBeInTheDocument();
    const clientAuth = screen.getByRole('combobox', { name: /client id and secret are sent/ });
    expect(clientAuth).toHaveValue('In the request form');
    await user.click(clientAuth);
    await user.click(
      within(document.getElementById(clientAuth.getAttribute('aria-controls')!)!).getByRole('option', { name: 'In the request header (recommended)', hidden: true }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Token address' }), 'https://sis.harbor.example/oauth/token');
    await user.click(screen.getByRole('button', { name: 'Save and check' }));

    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      baseUrl: 'https://sis.harbor.example/ims/oneroster/v1p1',
      clientId: 'harbor-key',
      authMethod: 'OAUTH2',
      tokenUrl: 'https://sis.harbor.example/oauth/token',
      oauth1SignatureMethod: 'HMAC_SHA1',
      oauth2ClientAuth: 'BASIC_HEADER',
    });
  });

  it('given “Detect for me”, when the admin opens credentials, then both vendor choices show, keyboard reachable', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.get('/api/v1/districts/{districtId}/credentials', ({ response }) =>
        response(200).json({ ...savedCredentials, oauth1SignatureMethod: 'HMAC_SHA256', oauth2ClientAuth: 'BASIC_HEADER' }),
      ),
    );
    const { user } = await renderInDistrict(<CredentialsPage />);
    const signature = await screen.findByRole('combobox', { name: /^OAuth 1 signature method/ });
    expect(signature).toHaveValue('HMAC-SHA256 (recommended)');
    const clientAuth = screen.getByRole('combobox', { name: /client id and secret are sent/ });
    expect(clientAuth).toHaveValue('In the request header (recommended)');
    screen.getByRole('textbox', { name: 'Scope' }).focus();
    await user.tab();
    expect(signature).toHaveFocus();
    await user.tab();
    expect(clientAuth).toHaveFocus();
  });

  it('given wrong details, when saved, then the SIS’s plain reason is shown', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(harborDistrict)),
      http.get('/api/v1/districts/{districtId}/credentials', ({ response }) => response(200).json(savedCredentials)),
      http.put('/api/v1/districts/{districtId}/credentials', ({ response }) =>
        response(200).json({
          ...savedCredentials,
          updatedAt: '2026-11-23T19:01:00Z',
          validation: { status: 'INVALID', message: 'The SIS refused the client id and secret (401). Check them with your SIS administrator.', checkedAt: '2026-11-23T19:01:00Z' },
        }),
      ),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    );
    const { user } = await renderInDistrict(<CredentialsPage />);
    await user.click(await screen.findByRole('button', { name: 'Save and check' }));
    expect(await screen.findByText('Saved, but the SIS did not accept these details')).toBeInTheDocument();
    expect(within(screen.getByRole('status', { name: /did not accept/i })).getByText(/refused the client id and secret/)).toBeInTheDocument();
  });

  it('given a CSV district, when the admin opens credentials, then the SFTP account and the checked uploads are shown', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}', ({ response }) => response(200).json(lakesideDistrict)),
      http.get('/api/v1/districts/{districtId}/sftp', ({ response }) =>
        response(200).json({
          districtId: LAKESIDE.id,
          configured: true,
          host: 'sftp.rosterline.local',
          port: 2222,
          username: 'lakeside',
          enabled: true,
          passwordSet: false,
          hostKeyFingerprint: 'SHA256:abc',
          publicKeys: [],
        }),
      ),
      http.get('/api/v1/districts/{districtId}/uploads', ({ response }) =>
        response(200).json({
          items: [
            {
              id: 'u1',
              filename: 'oneroster-2026-11-23.zip',
              sizeBytes: 204800,
              uploadedAt: '2026-11-23T08:00:00Z',
              status: 'REJECTED',
              reason: 'enrollments.csv is missing',
              counts: { 'users.csv': 1200 },
              errorCount: 1,
              warningCount: 0,
              firstErrors: ['manifest.csv line 3: file.enrollments is bulk but enrollments.csv is missing'],
            },
          ],
          page: 0,
          size: 20,
          total: 1,
        }),
      ),
    );
    const { container } = await renderInDistrict(<CredentialsPage />, { district: LAKESIDE });
    expect(await screen.findByText('sftp.rosterline.local')).toBeInTheDocument();
    expect(screen.getByText('lakeside')).toBeInTheDocument();
    expect(await screen.findByText('Rejected')).toBeInTheDocument();
    expect(screen.getByText('enrollments.csv is missing')).toBeInTheDocument();
    expect(screen.getByText('users.csv: 1200 rows')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/Nov 23, 2026, 12:00\sAM PST/)).toBeInTheDocument());
    await expectNoAxeViolations(container);
  });
});
