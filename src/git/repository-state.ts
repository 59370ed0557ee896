// Reads what change detection needs to know about a repository in two git calls: root, HEAD, shallowness, refs.
import { ImpactedError } from '../errors.js';
import type { GitClient } from './git-client.js';

/** A branch or remote-tracking branch (`refs/heads/main`, `refs/remotes/origin/main`). */
export interface GitRef {
  /** Full name, `refs/heads/main`. */
  name: string;
  sha: string;
  /** For a symbolic ref such as `refs/remotes/origin/HEAD`: the full name it points to. */
  target?: string;
}

export interface RepositoryState {
  /** Absolute path of the work tree root. */
  root: string;
  shallow: boolean;
  headSha: string;
  /** The checked-out branch (`main`), undefined when HEAD is detached. */
  headBranch?: string;
  refs: GitRef[];
}

function parseRefs(output: string): GitRef[] {
  const refs: GitRef[] = [];
  for (const line of output.split('\n')) {
    const [name, sha, target] = line.split('\0');
    if (!name || !sha) continue;
    refs.push(target ? { name, sha, target } : { name, sha });
  }
  return refs;
}

export async function readRepositoryState(client: GitClient): Promise<RepositoryState> {
  // --symbolic-full-name applies to the arguments after it, so HEAD is asked twice: once as a sha, once as a name.
  const [info, refsOutput] = await Promise.all([
    client.attempt(['rev-parse', '--show-toplevel', '--is-shallow-repository', 'HEAD', '--symbolic-full-name', 'HEAD']),
    client.attempt(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', 'refs/heads', 'refs/remotes']),
  ]);
  if (info.exitCode !== 0) {
    if (/not a git repository/i.test(info.stderr)) {
      throw new ImpactedError(
        'NOT_A_REPO',
        `${client.cwd} is not inside a git repository. Run impacted in a git repository or pass --cwd <dir>.`,
      );
    }
    if (/unknown revision|ambiguous argument 'HEAD'/i.test(info.stderr)) {
      const root = info.stdout.split('\n')[0] || client.cwd;
      throw new ImpactedError('NO_COMMITS', `the repository at ${root} has no commits yet. Commit once, then run impacted again.`);
    }
    throw new ImpactedError('GIT', `cannot read the git repository at ${client.cwd}: ${info.stderr.trim().split('\n')[0]}`);
  }
  const [root = '', shallow, headSha = '', headName = ''] = info.stdout.split('\n');
  if (!root) {
    throw new ImpactedError('NOT_A_REPO', `${client.cwd} has no work tree (a bare repository?). Run impacted in a checkout.`);
  }
  const state: RepositoryState = {
    root,
    shallow: shallow === 'true',
    headSha,
    refs: refsOutput.exitCode === 0 ? parseRefs(refsOutput.stdout) : [],
  };
  if (headName.startsWith('refs/heads/')) state.headBranch = headName.slice('refs/heads/'.length);
  return state;
}

/** The short name of a branch ref (`main`, `origin/main`), or undefined for other refs. */
export function shortRefName(fullName: string): string | undefined {
  if (fullName.startsWith('refs/heads/')) return fullName.slice('refs/heads/'.length);
  if (fullName.startsWith('refs/remotes/')) return fullName.slice('refs/remotes/'.length);
  return undefined;
}

export function findRef(refs: readonly GitRef[], fullName: string): GitRef | undefined {
  return refs.find((ref) => ref.name === fullName);
}
