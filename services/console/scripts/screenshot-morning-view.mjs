// The README's morning-view screenshot, from `npm start` and `npm run demo` (not from a test's own
// data): signs in as the local supervisor and photographs /dashboard.
//   node services/console/scripts/screenshot-morning-view.mjs <supervisor password> [console URL]
// The password is the one `npm start` printed at its first start.
import { chromium } from 'playwright-core';

const [password, url = 'http://localhost:3000'] = process.argv.slice(2);
if (!password) {
  console.error('usage: screenshot-morning-view.mjs <supervisor password> [console URL]');
  process.exit(2);
}
const out = new URL('../docs/morning-view-demo.png', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
  await page.goto(`${url}/queue`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('User name').fill('supervisor');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
  await page.goto(`${url}/dashboard`);
  await page.getByRole('heading', { name: 'SLA compliance' }).waitFor();
  // Every report answered and the charts drawn: no spinner left.
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
