import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { MAX_DELIVERY_ATTEMPTS, deliverInBackground, deliverPendingEmails, enqueueEmail, settleBackgroundDelivery } from './service.ts';

/** A minimal SMTP server (RFC 5321 happy path) that keeps what it receives. */
async function fakeSmtpServer() {
  const received: Array<{ from: string; to: string[]; data: string }> = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 fake.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else current.data += `${line}\r\n`;
          continue;
        }
        const verb = line.split(/[ :]/)[0].toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake.test\r\n');
        else if (verb === 'MAIL') (current.from = line), socket.write('250 ok\r\n');
        else if (verb === 'RCPT') current.to.push(line), socket.write('250 ok\r\n');
        else if (verb === 'DATA') (inData = true), socket.write('354 go on\r\n');
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function queue(t: TestApp, organizationId: string | null, to: string, subject: string, body = 'Тіло листа\nBody of the message') {
  return t.database.db.transaction().execute((trx) => enqueueEmail(trx, { organizationId, to, subject, body }));
}

describe('configuration of mail delivery', () => {
  it('accepts smtp:// and smtps:// URLs only, with a default sender', () => {
    expect(loadConfig({}, {})).toMatchObject({ smtpUrl: undefined, mailFrom: 'ADI Platform <no-reply@adi.localhost>' });
    expect(loadConfig({ ADI_SMTP_URL: 'smtps://user:secret@mail.example.org:465' }, {}).smtpUrl).toBe('smtps://user:secret@mail.example.org:465');
    for (const bad of ['http://mail.example.org', 'mail.example.org', 'smtp://has space']) {
      expect(() => loadConfig({ ADI_SMTP_URL: bad }, {}), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ADI_MAIL_FROM: 'a@b\r\nBcc: x@y' }, {})).toThrow(ConfigError);
  });
});

describe('the outbox without a mail server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('writes in the caller transaction: a change that rolls back queues nothing', async () => {
    const organization = await makeOrganization(t);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, { organizationId: organization.id, to: 'rep@example.org', subject: 'never', body: 'never' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.database.db.selectFrom('email_outbox').select('id').where('subject', '=', 'never').execute()).toEqual([]);
  });

  it('delivers as .eml files once, keeps header injection out, and lists newest first per organization', async () => {
    const organization = await makeOrganization(t);
    const first = await queue(t, organization.id, 'rep@example.org', 'Перший / First');
    const second = await queue(t, organization.id, 'rep@example.org', 'Line\r\nBcc: victim@example.org');
    deliverInBackground(t.deps, console);
    deliverInBackground(t.deps, console); // joins the run in progress
    await settleBackgroundDelivery(t.database.db);
    for (const id of [first, second]) expect(fs.existsSync(path.join(t.deps.config.dataDir, 'outbox', `${id}.eml`))).toBe(true);
    const injected = fs.readFileSync(path.join(t.deps.config.dataDir, 'outbox', `${second}.eml`), 'utf8');
    expect(injected).not.toMatch(/^Bcc:/m);
    expect(injected).toContain('Subject: Line Bcc: victim@example.org');
    expect(fs.readdirSync(path.join(t.deps.config.dataDir, 'outbox')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await deliverPendingEmails(t.deps)).toEqual({ delivered: 0, failed: 0 });

    const officer = await signedInCaller(t, ['officer']);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/notifications?organizationId=${organization.id}&limit=1`, headers: { cookie: officer.cookie } });
    expect(page.json()).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ id: second, delivery: 'file', attempts: 1 }] });
    const next = await t.app.inject({ method: 'GET', url: `/api/v1/notifications?organizationId=${organization.id}&limit=1&offset=1`, headers: { cookie: officer.cookie } });
    expect(next.json().items[0]).toMatchObject({ id: first, to: 'rep@example.org', subject: 'Перший / First', body: 'Тіло листа\nBody of the message' });
    expect(next.json().items[0].deliveredAt).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    const evaluator = await signedInCaller(t, ['evaluator']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: evaluator.cookie } })).statusCode).toBe(403);
  });
});

describe('the outbox with a mail server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtpServer>>;
  beforeAll(async () => {
    smtp = await fakeSmtpServer();
    t = await createTestApp({ ADI_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, ADI_MAIL_FROM: 'Alliance <alliance@adi.example>' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends by SMTP and writes no files', async () => {
    const organization = await makeOrganization(t);
    const id = await queue(t, organization.id, 'director@example.org', 'Заявку подано / Submitted');
    expect(await deliverPendingEmails(t.deps)).toEqual({ delivered: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].from).toContain('alliance@adi.example');
    expect(smtp.received[0].to[0]).toContain('director@example.org');
    expect(smtp.received[0].data).toContain(`Message-ID: <${id}@adi.example>`);
    expect(smtp.received[0].data).toMatch(/Subject: =\?UTF-8\?/);
    const row = await t.database.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ delivery: 'smtp', attempts: 1, last_error: null });
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'outbox'))).toBe(false);
  });
});

describe('the outbox when the mail server is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADI_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
  });
  afterAll(async () => t?.close());

  it('records each failed attempt (error shown to staff only) and gives up after the limit', async () => {
    const organization = await makeOrganization(t);
    const id = await queue(t, organization.id, 'rep@example.org', 'Will not arrive');
    expect(await deliverPendingEmails(t.deps)).toEqual({ delivered: 0, failed: 1 });
    const row = await t.database.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, delivery: null });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);

    const admin = await signedInCaller(t, ['admin']);
    const staffView = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: admin.cookie } })).json();
    expect(staffView.items[0]).toMatchObject({ id, deliveredAt: null, attempts: 1, lastError: row.last_error });
    const company = await signedInCaller(t, ['company'], { organizationId: organization.id });
    const companyView = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: company.cookie } })).json();
    expect(companyView.items[0]).toMatchObject({ id, lastError: null });

    await t.database.db.updateTable('email_outbox').set({ attempts: MAX_DELIVERY_ATTEMPTS }).where('id', '=', id).execute();
    expect(await deliverPendingEmails(t.deps)).toEqual({ delivered: 0, failed: 0 });
  });
});
