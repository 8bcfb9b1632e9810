import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

/**
 * Issue #10.9: every page each role reaches — the home page, every link of its menu, and the pages one click deeper
 * that the role works on (a journal, a group, a student card) — scanned by axe-core for WCAG 2.1 A and AA.
 */
const ROLES = ['admin', 'zav', 'metodist', 'kurator', 'prepod', 'student', 'roditel', 'inspektor', 'region'];

async function scan(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) — ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}: ${v.help}`,
  );
}

for (const login of ROLES) {
  test(`доступность: все страницы роли ${login}`, async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, login);
    const found: string[] = [];
    found.push(...(await scan(page, `${login} /`)));
    const menu = await page
      .locator('header nav a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    const deeper = ['[data-testid=journals] a', '[data-testid=roster] a', 'table.list tbody a'];
    for (const path of [...new Set(menu)].filter((p) => p !== '/')) {
      await page.goto(path);
      found.push(...(await scan(page, `${login} ${path}`)));
      for (const selector of deeper) {
        const link = page.locator(selector).first();
        if ((await link.count()) === 0) continue;
        const href = await link.evaluate((a) => (a as HTMLAnchorElement).pathname);
        await page.goto(href);
        if (href.startsWith('/journals/')) await expect(page.locator('.ag-cell').first()).toBeVisible();
        found.push(...(await scan(page, `${login} ${href}`)));
        break;
      }
    }
    await page.goto('/account/password');
    found.push(...(await scan(page, `${login} /account/password`)));
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('доступность: страница входа', async ({ page }) => {
  await page.goto('/login');
  expect(await scan(page, '/login')).toEqual([]);
});
