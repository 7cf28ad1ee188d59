// Runs axe-core on HTML files in one headless Chromium and prints one JSON
// report on standard output: for each file, axe's violations and the
// requests the page made for anything outside its own file (blocked).
//
//   node axe.cjs NODE_MODULES CHROMIUM USER_DATA_DIR FILE...
//
// Started by validate.AxeHTML; NODE_MODULES holds puppeteer-core and
// axe-core (the project's .ci/node_modules).
'use strict';
const { createRequire } = require('module');
const path = require('path');
const { pathToFileURL } = require('url');

const [nodeModules, chromium, userDataDir, ...files] = process.argv.slice(2);
const load = createRequire(path.join(nodeModules, 'axe-runner.js'));
const puppeteer = load('puppeteer-core');
const axeSource = load.resolve('axe-core/axe.min.js');

async function main() {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  const report = [];
  try {
    for (const file of files) {
      const page = await browser.newPage();
      const requests = [];
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        const u = r.url();
        if (u.startsWith('file:') || u.startsWith('data:')) {
          r.continue();
        } else {
          requests.push(u);
          r.abort();
        }
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.addScriptTag({ path: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      report.push({
        file,
        requests,
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
        })),
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => {
  process.stderr.write((e && e.stack) || String(e));
  process.exit(2);
});
