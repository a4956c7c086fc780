/**
 * The real-LMS suite (npm run test:lms): Playwright in Debian's Chromium against a real Moodle.
 * The global setup starts Moodle, packages the course as a fresh clone would and builds the test
 * site; each test plays as its own student inside Moodle's player.
 */
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  // two browsers on two cores; Moodle's PHP server has four workers
  workers: 2,
  fullyParallel: true,
  retries: 0,
  // a Moodle on a busy two-core machine takes seconds per page and per save: generous limits
  timeout: 600_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/lms-playwright.json' }]],
  outputDir: '../../test-results/lms-artifacts',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
