import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { extractText } from 'unpdf';
import { signInAs } from './helpers';

/**
 * Issue #12, item 5: the methodist starts «Напечатать все группы», watches the progress bar, reloads the page (the job
 * goes on and its progress is still there), and downloads the ZIP with one PDF per group.
 */
test('методист печатает журналы всех групп в фоне: ход виден и после перезагрузки, ZIP скачивается', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, 'metodist');
  await page.goto('/reports');
  const section = page.getByRole('region', { name: 'Все группы колледжа' });
  await section.getByLabel('Занятий на странице').fill('30');
  await section.getByRole('button', { name: 'Напечатать все группы' }).click();
  await expect(section.getByRole('status').first()).toContainText(/Печать начата: \d+ групп/);
  const job = section.getByTestId('college-job').first();
  await expect(job.getByRole('status')).toContainText(/\d+ из \d+ групп/);
  const total = Number(/из (\d+)/.exec((await job.getByRole('status').textContent())!)![1]);

  await page.reload();
  const after = page.getByRole('region', { name: 'Все группы колледжа' }).getByTestId('college-job').first();
  await expect(after.getByRole('progressbar', { name: 'Группы напечатаны' })).toBeVisible();
  await expect(after.getByRole('status')).toContainText(new RegExp(`^\\s*${total} из ${total} групп`), {
    timeout: 200_000,
  });

  const zipLink = after.getByRole('link', { name: 'Скачать все (ZIP)' });
  const zip = await page.request.get((await zipLink.getAttribute('href'))!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(await zip.body()));
  const pdfs = Object.keys(files).filter((n) => n.endsWith('.pdf'));
  expect(pdfs).toHaveLength(total);
  const { text } = await extractText(files[pdfs[0]!], { mergePages: true });
  expect(text).toContain('КЛАССНЫЙ ЖУРНАЛ');
  await page.screenshot({ path: 'test-results/college-printouts.png', fullPage: true });
});
