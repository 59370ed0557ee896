// What `impacted init` prints: the file it wrote and what each key in it means (JSON has no comments).
import { runnerCounts } from './detect-setup.js';
import { configFileName, type InitResult } from './init-config.js';
import { detectionDescription } from './setup-text.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function initText(result: InitResult): string {
  const { config, detection } = result;
  const lines = [`impacted: ${result.overwritten ? 'overwrote' : 'wrote'} ${configFileName}`];
  const testsFrom = detection.testsFrom === 'runner-configs' ? 'the runner configs decide' : "the runners' default patterns decide";
  lines.push(`  tests    not set: ${testsFrom} (${plural(detection.tests.length, 'test file')} today, new ones included); set "tests" only to override them.`);
  const extra = result.extraRunAll.length > 0 ? `, plus ${result.extraRunAll.join(', ')}` : '';
  lines.push(`  runAll   a change to these runs every test: root tsconfigs and runner configs, this file${extra}.`);
  lines.push(`           Runner configs and tsconfigs inside a package only select that package's tests and its dependents'.`);
  const docs = result.docFolders.length > 0 ? `, plus ${result.docFolders.map((dir) => `${dir}/`).join(', ')}` : '';
  lines.push(`  ignore   changes here never select a test: Markdown, docs/, licences, editor settings${docs}.`);
  const counts = runnerCounts(detection);
  if (config.runner) {
    lines.push(`  runner   every package with tests runs them with ${config.runner} (${plural(detection.packages.length, 'package')}).`);
  } else if (counts.length > 0) {
    const mixed = counts.map(([name, count]) => `${name === 'unknown' ? 'none found' : name} (${count})`).join(', ');
    lines.push(`  runner   not set: packages use different runners (${mixed}), so impacted keeps detecting them per package.`);
  }
  lines.push(`  Also available: implicitDependencies (edges the code does not show) and typeOnly. See the README's Configuration section.`);
  lines.push(`  Detected: ${detectionDescription(detection)}.`);
  return `${lines.join('\n')}\n`;
}
