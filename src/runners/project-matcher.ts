// Whether a repository file is a test of a RunnerProject, with its runner's own glob semantics, so resolved patterns
// (not file lists) can be cached and a new test file is found without asking the runner again.
import path from 'node:path';
import { Minimatch, type MinimatchOptions } from 'minimatch';
import type { RunnerProject } from './types.js';

type Matcher = (file: string) => boolean;

/** Compiled globs by options and pattern: projects share most of theirs (the runners' defaults), and compiling costs. */
const compiled = new Map<string, Minimatch>();

function compile(pattern: string, options: MinimatchOptions): Minimatch {
  const key = `${options.dot ? 'd' : ''}${options.nocase ? 'i' : ''}\0${pattern}`;
  let glob = compiled.get(key);
  if (!glob) compiled.set(key, (glob = new Minimatch(pattern, options)));
  return glob;
}

/** Matches any of the positive globs and none of the `!` ones. */
function globs(patterns: readonly string[], options: MinimatchOptions): Matcher {
  const positive = patterns.filter((pattern) => !pattern.startsWith('!')).map((pattern) => compile(pattern, options));
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => compile(pattern.slice(1), options));
  return (file) => positive.some((glob) => glob.match(file)) && !negative.some((glob) => glob.match(file));
}

/** Matches any of the regular expressions (sources that do not compile match nothing); undefined when there are none. */
function regExps(sources: readonly string[]): Matcher | undefined {
  const compiled = sources.flatMap((source) => {
    try {
      return [new RegExp(source)];
    } catch {
      return [];
    }
  });
  return compiled.length === 0 ? undefined : (file) => compiled.some((pattern) => pattern.test(file));
}

/** The path of `file` below `dir` (both repository-relative), or undefined outside it. */
function below(dir: string, file: string): string | undefined {
  if (dir === '') return file;
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : undefined;
}

/** The directories a project's tests are below (jest `roots`, else its `dir`): it matches no file elsewhere. */
export function projectScope(project: RunnerProject): string[] {
  return project.runner === 'jest' && project.roots.length > 0 ? project.roots : [project.dir];
}

/**
 * vitest (tinyglobby, `dot`), mocha (glob) and playwright (minimatch, `dot`, case-insensitive) match globs relative to
 * `dir`; jest matches `testMatch` globs and every regular expression against the absolute path, below its `roots`.
 */
export function projectMatcher(root: string, project: RunnerProject): Matcher {
  // Repository paths are normalised (git's): joining one to the normalised root is a concatenation, not path.join.
  const prefix = path.join(root, '_').slice(0, -1).split(path.sep).join('/');
  const absolute = (file: string): string => prefix + file;
  const ignored = regExps(project.ignorePatterns);
  const byRegExp = regExps(project.testRegex);
  if (project.runner === 'jest') {
    const roots = projectScope(project);
    const testMatch = globs(
      project.include.map((glob) => {
        const negated = glob.startsWith('!') ? '!' : '';
        const body = glob.slice(negated.length);
        return negated + (body.startsWith('**/') ? body : `${path.join(root, project.dir).split(path.sep).join('/')}/${body}`);
      }),
      { dot: true },
    );
    return (file) => {
      if (!roots.some((dir) => below(dir, file) !== undefined)) return false;
      const full = absolute(file);
      return (testMatch(full) || (byRegExp?.(full) ?? false)) && !(ignored?.(full) ?? false);
    };
  }
  const options: MinimatchOptions = { dot: project.runner !== 'mocha', nocase: project.runner === 'playwright' };
  const included = globs(project.include, options);
  const excluded = globs(project.exclude, options);
  return (file) => {
    const relative = below(project.dir, file);
    if (relative === undefined) return false;
    return (included(relative) || (byRegExp?.(absolute(file)) ?? false)) && !excluded(relative) && !(ignored?.(absolute(file)) ?? false);
  };
}
