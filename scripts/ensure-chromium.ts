/** Before the e2e tests: a browser is found or installed (as root), else the run stops at once saying what to do. */
import { ensureChromium } from './chromium';

const path = ensureChromium();
if (!path) process.exit(1);
console.log(`[e2e] Chromium: ${path}`);
