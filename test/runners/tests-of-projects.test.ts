// Which projects take each file for a test: the outer config's projects, else the nearest config's, each project asked
// once per file (a root jest config whose `projects` name the packages' configs is both for a package's files).
import { Minimatch } from 'minimatch';
import { afterEach, expect, test, vi } from 'vitest';
import { testsOfProjects, type RunnerProjects } from '../../src/runners/read-projects.js';
import { emptyProject } from '../../src/runners/project.js';
import type { RunnerProject } from '../../src/runners/types.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function jestProject(dir: string, configFile: string, include: string[]): RunnerProject {
  return { ...emptyProject('jest', configFile, dir, 'probe'), include, roots: [dir] };
}

const files = ['packages/a/src/a.test.ts', 'packages/a/src/a.ts', 'packages/a/src/a.check.ts', 'packages/a/src/b.spec.ts'];

function ownersOf(read: RunnerProjects): string[] {
  return [...testsOfProjects('/repo', files, read)].map(([file, owners]) => `${file} ${owners.map((project) => project.configFile).join(',')}`);
}

test("a file the outer projects do not take is the nearest config's, and no project is matched twice against a file", () => {
  const outer = jestProject('packages/a', 'jest.config.js', ['**/*.test.ts']);
  const own = jestProject('packages/a', 'packages/a/jest.config.js', ['**/*.check.ts']);
  // The root config names `outer` as a project; the package's config has it too, and a project of its own.
  const read: RunnerProjects = {
    projects: [outer, own],
    configs: [
      { runner: 'jest', configFile: 'jest.config.js', dir: '', projects: [outer], declaresProjects: true },
      { runner: 'jest', configFile: 'packages/a/jest.config.js', dir: 'packages/a', projects: [outer, own], declaresProjects: false },
    ],
    defaults: [],
    unknownRunner: [],
    unreadScripts: [],
    configFiles: [],
  };
  const asked: string[] = [];
  const match = Minimatch.prototype.match;
  vi.spyOn(Minimatch.prototype, 'match').mockImplementation(function (this: Minimatch, file: string, partial?: boolean) {
    asked.push(`${this.pattern} ${file}`);
    return match.call(this, file, partial);
  });
  expect(ownersOf(read)).toEqual(['packages/a/src/a.test.ts jest.config.js', 'packages/a/src/a.check.ts packages/a/jest.config.js']);
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.length).toBe(new Set(asked).size);
});
