import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

/** A phone: the parent reads the portal on one. */
const PHONE = { viewport: { width: 375, height: 740 }, locale: 'ru-RU', timezoneId: 'Europe/Samara' };

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The demo student's panel of the mother on the consent page. */
const motherPanel = (page: Page) => page.getByTestId('consent-guardian').filter({ hasText: /^Мать: / });

/**
 * Issue #13, item 6 (152-ФЗ art. 9): the demo student (18 since 27.02.2026, the consent to the mother given in the seed)
 * withdraws it; the mother on her phone sees on the home page that the access has ended and why, and the child's report
 * card answers 403; the student gives the consent again and the mother sees the child as before. The consent in force
 * is put back whatever happens (the decisions themselves are kept: append-only).
 */
test('совершеннолетний студент отзывает согласие — родитель видит, что доступ закрыт и почему; согласие снова — ребёнок снова виден', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PHONE.viewport);
  await signInAs(page, 'student');
  const own = page.getByTestId('family-student');
  await expect(own).toHaveCount(1);
  const name = (await own.getByRole('heading', { level: 2 }).textContent())!.split(',')[0]!.trim();
  const reportCard = (await own.getByRole('link', { name: 'за семестр' }).getAttribute('href'))!;
  await own.getByRole('link', { name: 'согласие на доступ родителей к журналу' }).click();
  await expect(page).toHaveURL(/\/family\/consent$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Доступ родителей к вашему журналу');
  await expect(page.getByTestId('consent-age')).toHaveText(/^Вам исполнилось 18 лет 27\.02\.2026/);
  const mother = motherPanel(page);
  await expect(mother.getByTestId('consent-state')).toHaveText(/^Согласие дано \d\d\.\d\d\.\d{4}\. Родитель видит/);
  expect(await sidewaysScroll(page)).toBe(0);

  const parent = await browser.newPage(PHONE);
  try {
    await test.step('студент отзывает согласие', async () => {
      await mother.getByRole('button', { name: 'Отозвать согласие' }).click();
      await expect(mother.getByTestId('consent-state')).toHaveText(
        /^Согласие отозвано \d\d\.\d\d\.\d{4}\. Родитель не видит/,
      );
      await expect(mother.getByRole('button', { name: 'Дать согласие' })).toBeVisible();
      await expect(mother.getByTestId('consent-history').getByRole('listitem').first()).toContainText(
        'согласие отозвано',
      );
      expect(await sidewaysScroll(page)).toBe(0);
    });

    await test.step('родитель на телефоне: доступ закрыт, причина, ничего больше; табель — 403', async () => {
      await signInAs(parent, 'roditel');
      const ended = parent.getByTestId('family-access-ended').filter({ hasText: name });
      await expect(ended).toHaveCount(1);
      await expect(ended).toContainText(
        /Доступ к журналу закрыт\. Студенту исполнилось 18 лет 27\.02\.2026; согласие отозвано \d\d\.\d\d\.\d{4}\./,
      );
      await expect(ended).toContainText('Студент может дать согласие в своём личном кабинете');
      await expect(ended.getByRole('link')).toHaveCount(0);
      await expect(ended.locator('table')).toHaveCount(0);
      await expect(parent.getByTestId('family-student').filter({ hasText: name })).toHaveCount(0);
      await expect(parent.getByTestId('family-student')).toHaveCount(1);
      expect(await sidewaysScroll(parent)).toBe(0);
      await parent.screenshot({ path: 'test-results/parent-consent-ended.png', fullPage: true });
      expect((await parent.request.get(reportCard)).status()).toBe(403);
    });

    await test.step('студент даёт согласие снова — родитель снова видит ребёнка', async () => {
      await mother.getByRole('button', { name: 'Дать согласие' }).click();
      await expect(mother.getByTestId('consent-state')).toHaveText(/^Согласие дано \d\d\.\d\d\.\d{4}\. Родитель видит/);
      await parent.reload();
      await expect(parent.getByTestId('family-student').filter({ hasText: name })).toHaveCount(1);
      await expect(parent.getByTestId('family-access-ended').filter({ hasText: name })).toHaveCount(0);
      await expect(parent.getByTestId('family-student')).toHaveCount(2);
      expect(await sidewaysScroll(parent)).toBe(0);
      expect((await parent.request.get(reportCard)).status()).toBe(200);
    });
  } finally {
    // Leave the consent in force as the seed has it, even when a step above failed.
    await page.goto('/family/consent');
    const give = motherPanel(page).getByRole('button', { name: 'Дать согласие' });
    if (await give.isVisible()) {
      await give.click();
      await expect(motherPanel(page).getByTestId('consent-state')).toHaveText(/^Согласие дано/);
    }
    await parent.close();
  }
});
