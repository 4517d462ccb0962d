// The demo store as a merchant's theme would change it (a widget configuration block, theme CSS,
// the page's language), axe-core run on the widget, and what "fits the screen" means.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Frame, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Theme {
  /** The merchant's `<script type="application/json" data-bc-loyalty-config>` block. */
  config?: object;
  /** Theme CSS, e.g. custom properties. */
  css?: string;
  lang?: string;
}

/** Opens the store's home page at this width, with the theme's changes to the page. */
export async function openStore(context: BrowserContext, url: string, width: number, theme: Theme = {}): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  if (theme.config || theme.css || theme.lang)
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      let html = await response.text();
      if (theme.lang) html = html.replace('<html lang="en">', `<html lang="${theme.lang}">`);
      if (theme.css) html = html.replace('</head>', `<style>${theme.css}</style></head>`);
      if (theme.config)
        html = html.replace(
          '<body>',
          `<body><script type="application/json" data-bc-loyalty-config>${JSON.stringify(theme.config)}</script>`,
        );
      await route.fulfill({ response, body: html });
    });
  await page.goto(`${url}/`);
  return page;
}

/**
 * axe-core's WCAG 2.x A/AA violations inside `scope` of a page or frame: by default the widget (its
 * shadow root included); the admin UI checks its whole document.
 */
export async function axeViolations(page: Page | Frame, scope = '.bc-loyalty'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResult> } }).axe;
    type AxeResult = { violations: Array<{ id: string; nodes: Array<{ target: unknown; failureSummary: string }> }> };
    const result = await axe.run(document.querySelector(scope), {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}: ${n.failureSummary}`),
    );
  }, scope);
}

/** Whether the page scrolls sideways (it must not, down to 320 px). */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The widget's focused element (inside its shadow root): its data-k key, class and whether it is in the dialog. */
export const widgetFocus = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('.bc-loyalty')?.shadowRoot?.activeElement as HTMLElement | null;
    return active
      ? {
          key: active.dataset.k ?? '',
          className: active.className,
          tag: active.tagName,
          inDialog: !!active.closest('dialog'),
        }
      : undefined;
  });
