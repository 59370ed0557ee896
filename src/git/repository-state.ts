// Reads what change detection needs to know about a repository: root, HEAD, shallowness, the chosen base, and refs when needed.
import { stateArgs, stateBase, stateMergeBases } from './git-ahead.js';
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
  /**
   * The base the caller expected (`readRepositoryState(client, base)`), resolved in the same git process: its commit
   * and its merge bases with HEAD (none when they share no history). Undefined when it names no commit.
   */
  base?: { ref: string; sha: string; mergeBases: string[] };
  /** HEAD is a branch with no commit yet (`git checkout --orphan`) while other branches have commits; `headSha` is then `''`. */
  unborn?: boolean;
  /**
   * The branches and remote-tracking branches (one `for-each-ref`, run once): listed with the state when no base was
   * chosen (the default branch or CI decides), else only when something asks (an error message, a default-branch check).
   */
  refs: () => Promise<GitRef[]>;
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

/** Lists the refs on the first call only; an unreadable list is an empty one (the callers then find no branch). */
function refLister(client: GitClient): () => Promise<GitRef[]> {
  let listing: Promise<GitRef[]> | undefined;
  return () =>
    (listing ??= client
      .attempt(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', 'refs/heads', 'refs/remotes'])
      .then((output) => (output.exitCode === 0 ? parseRefs(output.stdout) : [])));
}

/** The repository's root, HEAD and refs; with `base` (a ref the user chose), that base and its merge base with HEAD too. */
export async function readRepositoryState(client: GitClient, base?: string): Promise<RepositoryState> {
  const probe = stateBase(base);
  const refs = refLister(client);
  // Without a chosen base the refs are needed at once: listed meanwhile (a missing git is reported by the state call).
  if (base === undefined) refs().catch(() => undefined);
  const probed = await client.attempt(stateArgs(probe));
  // A base that names no commit fails the whole call: ask again without it, and let base resolution say what is wrong.
  const info = probe && probed.exitCode !== 0 ? await client.attempt(stateArgs()) : probed;
  if (info.exitCode !== 0) {
    if (/not a git repository/i.test(info.stderr)) {
      throw new ImpactedError(
        'NOT_A_REPO',
        `${client.cwd} is not inside a git repository. Run impacted in a git repository or pass --cwd <dir>.`,
      );
    }
    if (/unknown revision|ambiguous argument 'HEAD'/i.test(info.stderr)) {
      const [root = client.cwd, shallow] = info.stdout.split('\n');
      if ((await refs()).length === 0) {
        throw new ImpactedError('NO_COMMITS', `the repository at ${root} has no commits yet. Commit once, then run impacted again.`);
      }
      // A new orphan branch: other branches have history, this one has none yet.
      const branch = await client.attempt(['symbolic-ref', '--quiet', 'HEAD']);
      const name = branch.stdout.trim();
      return { root, shallow: shallow === 'true', headSha: '', refs, unborn: true, ...(name ? { headBranch: shortRefName(name) ?? name } : {}) };
    }
    throw new ImpactedError('GIT', `cannot read the git repository at ${client.cwd}: ${info.stderr.trim().split('\n')[0]}`);
  }
  const lines = info.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [root = '', shallow, headSha = ''] = lines;
  const headName = lines.at(-1) ?? '';
  if (!root) {
    throw new ImpactedError('NOT_A_REPO', `${client.cwd} has no work tree (a bare repository?). Run impacted in a checkout.`);
  }
  const state: RepositoryState = {
    root,
    shallow: shallow === 'true',
    headSha,
    refs,
  };
  if (headName.startsWith('refs/heads/')) state.headBranch = headName.slice('refs/heads/'.length);
  if (probe && info === probed) {
    // root, shallow, HEAD, then HEAD and the base again, the ^merge bases, and HEAD's name.
    const [, , , , baseSha = ''] = lines;
    state.base = { ref: probe, sha: baseSha, mergeBases: stateMergeBases(lines) };
  }
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
