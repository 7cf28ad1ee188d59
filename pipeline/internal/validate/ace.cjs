// Checks EPUB files with Ace by DAISY, one after another in this one Node
// process and one headless Chromium, so that a test run pays for loading
// Ace and starting the browser once instead of once per publication (the
// ace command line checks one publication per run).
//
//   node ace.cjs NODE_MODULES
//
// Started by validate.Ace; NODE_MODULES holds @daisy/ace-core and
// @daisy/ace-axe-runner-puppeteer (the project's .ci/node_modules, where
// npm installs them with @daisy/ace-cli). Each line read on standard input
// is a request of three tab-separated paths:
//
//   EPUB  OUTDIR  TMPDIR
//
// and is checked as `ace -o OUTDIR -t TMPDIR EPUB` would check it, through
// the same ace-core function and the same Puppeteer runner; the report is
// OUTDIR/report.json. The reply, on standard output, is one JSON line:
// {"outcome": "pass"|"fail"} or {"error": "..."}. Whatever Ace itself
// prints goes to standard error. The server stops at the end of its input.
'use strict';
const { createRequire } = require('module');
const path = require('path');
const readline = require('readline');

const [nodeModules] = process.argv.slice(2);
const load = createRequire(path.join(nodeModules, 'ace-runner.js'));
const ace = load('@daisy/ace-core');
const logger = load('@daisy/ace-logger');
const runner = load('@daisy/ace-axe-runner-puppeteer');

// Replies own standard output; Ace prints some errors with console.log.
const reply = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);

// ace-core launches the runner's browser before each publication and
// closes it after; this runner keeps one browser for all of them.
let launched = false;
const shared = {
  concurrency: runner.concurrency,
  setTimeout: (ms) => runner.setTimeout(ms),
  launch: async () => {
    if (!launched) {
      await runner.launch();
      launched = true;
    }
  },
  close: async () => {},
  run: (...args) => runner.run(...args),
};

async function main() {
  logger.initLogger({ silent: true });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const f = line.split('\t');
    let answer;
    if (f.length !== 3) {
      answer = { error: `want EPUB, OUTDIR and TMPDIR separated by tabs, got ${JSON.stringify(line)}` };
    } else {
      try {
        const [, report] = await ace(f[0], { cwd: process.cwd(), outdir: f[1], tmpdir: f[2], silent: true, jobId: '' }, shared);
        answer = { outcome: report['earl:result']['earl:outcome'] };
      } catch (e) {
        answer = { error: String((e && e.message) || e || 'ace failed without a message') };
      }
    }
    reply(JSON.stringify(answer) + '\n');
  }
  if (launched) {
    await runner.close();
  }
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e));
  process.exit(2);
});
