// The one-line note list and run print on stderr when a repository has no config: what impacted detected.
import { adapters } from '../runners/adapters.js';
import { runnerCounts, type SetupDetection } from './detect-setup.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `vitest include` / `jest testMatch`: the runners whose configs decided which files are tests. */
function globSources(detection: SetupDetection): string {
  return [...new Set(detection.runnerConfigs.map((config) => `${config.runner} ${adapters[config.runner].testPatternsKey}`))].sort().join(' and ');
}

function workspacesText(detection: SetupDetection): string {
  if (detection.workspaces === 'none') return 'a single package';
  return `${detection.workspaces} workspaces (${plural(detection.packageCount, 'package')})`;
}

function testsText(detection: SetupDetection): string {
  const count = plural(detection.tests.length, 'test file');
  switch (detection.testsFrom) {
    case 'runner-configs': {
      const globs = globSources(detection);
      const asked = detection.probedRunners.length > 0 ? `as ${detection.probedRunners.join(' and ')} resolved them` : '';
      const runners = [asked, globs === '' ? '' : `from ${globs} globs`].filter(Boolean).join(' and ');
      if (detection.testsFromDefaults === 0) return `${count} ${runners}`;
      // Some packages' tests are impacted's default globs' (no runner, or a test script it cannot read): say how many.
      const fromRunners = detection.tests.length - detection.testsFromDefaults;
      return `${count} (${fromRunners}${runners === '' ? '' : ` ${runners}`}, ${detection.testsFromDefaults} from the default globs in packages with no runner impacted reads)`;
    }
    case 'defaults':
      return `${count} from the default globs (*.test.*, *.spec.*, __tests__)`;
    case 'config':
      return `${count} from the config's globs`;
  }
}

function runnersText(detection: SetupDetection): string {
  const counts = runnerCounts(detection);
  if (counts.length === 0) return 'no runners';
  return `runners: ${counts.map(([name, count]) => `${name === 'unknown' ? 'none found' : name} (${count})`).join(', ')}`;
}

/** `npm workspaces (3 packages), 1 tsconfig, 3 test files from vitest include globs, runners: vitest (3)` */
export function detectionDescription(detection: SetupDetection): string {
  return [workspacesText(detection), plural(detection.tsconfigs.length, 'tsconfig'), testsText(detection), runnersText(detection)].join(', ');
}

export function detectionSummary(detection: SetupDetection): string {
  return `impacted: no config; detected ${detectionDescription(detection)}. Run impacted init to save it to impacted.config.json.`;
}
