// Playwright page objects: the tests read as what a person does at the desk. Locators go by role and
// label, as a screen reader would find them, never by CSS class.
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumMissing(): string | undefined {
  return existsSync(chromiumPath)
    ? undefined
    : `${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The embedded provider's sign-in form. */
export class SignInForm {
  constructor(private readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('User name').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}

export class Desk {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  /** Opens the console signed out and signs in through the provider; lands on the queue. */
  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.url}/queue`);
    await this.page.getByRole('link', { name: 'Sign in' }).click();
    await new SignInForm(this.page).signIn(username, password);
    await this.page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
  }

  /** The queue's row of a complaint, found by its reference. */
  queueRow(reference: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: reference }) });
  }

  async openComplaint(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: reference }).click();
    await this.page.getByRole('heading', { name: 'Deadlines' }).waitFor();
  }

  deadline(target: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: target }) });
  }

  /**
   * Sends a command from the complaint page: chooses it, fills each field by its label (a select by
   * its option's text, a checkbox by true) and presses the command's button.
   */
  async act(command: string, fields: Record<string, string | boolean> = {}): Promise<void> {
    await this.fill(command, fields);
    await this.page.getByRole('button', { name: command, exact: true }).click();
  }

  /** Chooses a command and types into its form without sending it. */
  async fill(command: string, fields: Record<string, string | boolean> = {}): Promise<void> {
    await this.page.getByLabel('Action', { exact: true }).selectOption({ label: command });
    for (const [label, value] of Object.entries(fields)) {
      const field = this.page.getByLabel(label, { exact: true });
      if (typeof value === 'boolean') await field.setChecked(value);
      else if ((await field.evaluate((element) => element.tagName)) === 'SELECT')
        await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }

  /** Waits for the page to confirm the command, and returns the revision it names. */
  async done(): Promise<number> {
    const status = this.page
      .getByRole('status')
      .filter({ hasText: /^Done\. The complaint is now at revision \d+\.$/ });
    await status.waitFor();
    return Number(/revision (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  }

  async switchLanguage(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: /^(Language|Мова|Язык|Nyelv|Valoda|Limba)$/ }).click();
    await this.page.getByRole('option', { name }).click();
  }

  /** The next page loads in `locale` (the app reads the saved choice at start). */
  async chooseLanguageForNextPage(locale: string): Promise<void> {
    await this.page.evaluate((l) => localStorage.setItem('chp.locale', l), locale);
  }

  /**
   * Presses Tab until the focused element's accessible name starts with `name` (a link's or button's
   * text, a field's label), as someone at the keyboard would; fails after `max` presses.
   */
  async tabTo(name: string, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
    const max = options.max ?? 120;
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
      const focused = await this.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return '';
        const labelled = element.getAttribute('aria-label');
        const labels = (element as HTMLInputElement).labels;
        return (labelled ?? labels?.[0]?.textContent ?? element.textContent ?? '').trim();
      });
      if (focused.startsWith(name)) return;
    }
    throw new Error(`${max} presses of Tab did not reach "${name}"`);
  }

  /** On a focused native select: arrow keys until `option` is chosen (no mouse, no popup). */
  async chooseWithArrows(option: string, max = 60): Promise<void> {
    await this.page.keyboard.press('Home');
    for (let i = 0; i < max; i++) {
      const chosen = await this.page.evaluate(() => {
        const select = document.activeElement as HTMLSelectElement | null;
        return select?.tagName === 'SELECT' ? (select.selectedOptions[0]?.textContent ?? '') : undefined;
      });
      if (chosen === undefined) throw new Error('the focus is not on a select');
      if (chosen === option) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no option "${option}" within ${max} presses of ArrowDown`);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /Sign out|Вийти/ }).click();
  }
}

/** The app's react-intl errors (missing messages, bad formats) as the page logs them, from now on. */
export function intlErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('[intl]')) errors.push(message.text());
  });
  return errors;
}

/** axe's serious and critical WCAG 2.x A/AA violations on the page as it is, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).join(', ')}`,
    );
}
