import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);

/** Debian's Chromium (`npm run test:e2e` installs it first when missing): browser downloads are impossible here. */
const executablePath = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Samara',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Specs named *.year-end.spec.ts change the whole college (a transfer to the next course): they run after the rest.
  projects: [
    { name: 'college', testIgnore: /\.year-end\.spec\.ts$/ },
    { name: 'year-end', testMatch: /\.year-end\.spec\.ts$/, dependencies: ['college'] },
  ],
  webServer: {
    command: `npx tsx scripts/e2e-server.ts`,
    url: `http://localhost:${port}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
