// The library's promise: it never prints and never exits; only src/cli.ts talks to the terminal.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../helpers/repo.js';

/** The CLI: cli.ts, and the client of `impacted serve` that bin/impacted.js runs before it. */
const cliModules = new Set(['cli.ts', path.join('serve', 'client.ts')]);

it('no library module writes to stdout/stderr or exits the process', () => {
  const src = path.join(projectRoot, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !cliModules.has(file));
  expect(files.length).toBeGreaterThan(40);
  const offenders = files.flatMap((file) =>
    readFileSync(path.join(src, file), 'utf8')
      .split('\n')
      .filter((line) => /\bconsole\.|process\.(stdout|stderr)\.write|process\.exit\b/.test(line))
      .map((line) => `${file}: ${line.trim()}`),
  );
  expect(offenders).toEqual([]);
});
