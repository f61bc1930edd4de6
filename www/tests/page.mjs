// The page, driven in headless Chromium (Debian's, through playwright-core) as a
// person would: connect an integration, see the connection, see the webhooks
// marked verified or rejected, run a proxy call. Screenshots go to artifacts/.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { eq, ok } from './lib/assert.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling out to Google,
// which this machine's closed network refuses.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser (Playwright gives it a new, empty user-data-dir). */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}

const TIMEOUT = 30_000;

export function pageCases({ browser, app, nango, artifacts }) {
  // Each run starts its own local server: a fixed id per app is unique there.
  const userId = `ada-${app.name}`;
  const secrets = [nango.apiKey, nango.signingKey];
  const shot = (p, name, fullPage = true) => p.screenshot({ path: join(artifacts, `${app.name}-${name}.png`), fullPage });
  let context;
  let page;
  let connectionId;
  const seen = [];

  return [
    {
      name: 'the page opens and says which runtime serves it',
      async run() {
        context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
        context.setDefaultTimeout(TIMEOUT);
        page = await context.newPage();
        // Everything the page receives from its backend, checked for keys at the end.
        page.on('response', (res) => {
          if (res.url().startsWith(app.url)) seen.push(res.text().catch(() => ''));
        });
        await page.goto(app.url + '/');
        await page.getByRole('heading', { name: 'Nango integrations demo' }).waitFor();
        const { runtime } = await (await fetch(app.url + '/api/info')).json();
        await page.locator('#runtime', { hasText: runtime }).waitFor();
      },
    },
    {
      name: 'a user is chosen and has no connection yet',
      async run() {
        await page.getByLabel('User id').fill(userId);
        await page.getByRole('button', { name: 'Use this user' }).click();
        await page.getByText('No connections yet.').waitFor();
      },
    },
    {
      name: '"Connect an integration" shows the connect link',
      async run() {
        await page.getByRole('button', { name: 'Connect an integration' }).click();
        const link = page.locator('#connect-link');
        await link.waitFor();
        const href = await link.getAttribute('href');
        ok(href.startsWith(`${nango.host}/connect-ui?session_token=nango_connect_session_`), `link: ${href}`);
        eq(await link.textContent(), href, 'the link is shown');
        await shot(page, '1-connect-link');
      },
    },
    {
      name: 'the link opens Nango Connect, where the user authorises GitHub',
      async run() {
        const popupOpened = page.waitForEvent('popup');
        await page.locator('#connect-link').click();
        const popup = await popupOpened;
        await popup.getByRole('heading', { name: 'Connect an integration' }).waitFor();
        await shot(popup, '2-nango-connect', false);
        await popup.getByRole('button', { name: /\(github\)/ }).click();
        await popup.getByText('Connected: connection').waitFor();
        connectionId = (await popup.locator('code').first().textContent()).trim();
        ok(connectionId, 'a connection id');
        await shot(popup, '3-connected', false);
        await popup.close();
      },
    },
    {
      name: "the user's connections are listed, with their metadata",
      async run() {
        // The backend also imports a connection with metadata for this user.
        await nango.api('POST', '/connections', {
          provider_config_key: 'airtable',
          connection_id: `${userId}-airtable`,
          credentials: { type: 'API_KEY', apiKey: 'pat-www-page' },
          metadata: { plan: 'pro' },
          tags: { end_user_id: userId },
        });
        await page.getByRole('button', { name: 'Refresh' }).click();
        const rows = page.locator('#connections tbody tr');
        await rows.filter({ hasText: connectionId }).filter({ hasText: 'github' }).waitFor();
        await rows.filter({ hasText: `${userId}-airtable` }).filter({ hasText: '{"plan":"pro"}' }).waitFor();
        eq(await rows.count(), 2, 'rows');
        ok(await page.getByText('No connections yet.').isHidden(), 'the empty note is hidden');
      },
    },
    {
      name: 'incoming webhooks are listed as verified or rejected',
      async run() {
        // A forged delivery: signed with the wrong key.
        const body = JSON.stringify({ from: 'nango', type: 'auth', connectionId: 'forged', providerConfigKey: 'github' });
        const res = await fetch(`${app.url}/webhooks/nango`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-nango-hmac-sha256': createHmac('sha256', 'wrong').update(body).digest('hex') },
          body,
        });
        eq(res.status, 401, 'the forged webhook is refused');
        const items = page.locator('#webhooks li');
        const verified = items.filter({ hasText: connectionId }).filter({ has: page.locator('.badge', { hasText: 'verified' }) });
        await verified.first().waitFor();
        ok((await verified.first().textContent()).includes('auth'), 'the auth webhook of the new connection');
        await items.filter({ has: page.locator('.badge', { hasText: 'rejected' }) }).first().waitFor();
        ok(!(await page.locator('#webhooks').textContent()).includes('forged'), 'nothing of the forged body shown');
        await page.locator('#webhooks-section').screenshot({ path: join(artifacts, `${app.name}-4-webhooks.png`) });
      },
    },
    {
      name: 'a proxy call runs and its result is shown',
      async run() {
        await page.getByLabel('Connection', { exact: true }).selectOption({ label: `github / ${connectionId}` });
        await page.getByLabel('Endpoint').fill('/user');
        await page.getByRole('button', { name: 'Run proxy call' }).click();
        const result = page.locator('#proxy-result');
        await result.filter({ hasText: 'HTTP 200' }).waitFor();
        const text = await result.textContent();
        ok(text.includes('"login": "octocat"') && text.includes('"path": "/user"'), `result: ${text}`);
        ok(text.includes('"authorization": "Bearer '), 'the upstream saw the injected token');
        await shot(page, '5-proxy-result');
      },
    },
    {
      name: 'no key ever reached the browser',
      async run() {
        const bodies = await Promise.all(seen);
        ok(bodies.length >= 8, `the page's requests were seen (${bodies.length})`);
        const everything = bodies.join('\n') + (await page.content());
        for (const secret of secrets) ok(!everything.includes(secret), 'a key reached the browser');
        await context.close();
      },
    },
  ];
}
