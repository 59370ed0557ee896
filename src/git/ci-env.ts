// Reads what CI services say about the pipeline: the pull request's target branch, or a push to the default branch.

export type Environment = Record<string, string | undefined>;

/** A base named by a CI variable. */
export interface CiBase {
  /** The variable that named it, for messages (`GITHUB_BASE_REF`). */
  variable: string;
  /** A branch name, compared as `origin/<branch>` when that ref exists. */
  branch?: string;
  /** An exact commit (GitLab's `CI_MERGE_REQUEST_DIFF_BASE_SHA`). */
  sha?: string;
}

function value(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** Bases named by CI variables, most precise first; empty outside a pull/merge request pipeline. */
export function readCiBases(env: Environment): CiBase[] {
  const bases: CiBase[] = [];
  const github = value(env, 'GITHUB_BASE_REF');
  if (github) bases.push({ variable: 'GITHUB_BASE_REF', branch: github });
  const gitlabSha = value(env, 'CI_MERGE_REQUEST_DIFF_BASE_SHA');
  if (gitlabSha) bases.push({ variable: 'CI_MERGE_REQUEST_DIFF_BASE_SHA', sha: gitlabSha });
  const gitlab = value(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME');
  if (gitlab) bases.push({ variable: 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', branch: gitlab });
  const bitbucket = value(env, 'BITBUCKET_PR_DESTINATION_BRANCH');
  if (bitbucket) bases.push({ variable: 'BITBUCKET_PR_DESTINATION_BRANCH', branch: bitbucket });
  // Buildkite sets the variable to "false" on builds that are not pull requests.
  const buildkite = value(env, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH');
  if (buildkite && buildkite !== 'false') bases.push({ variable: 'BUILDKITE_PULL_REQUEST_BASE_BRANCH', branch: buildkite });
  return bases;
}

const githubBranchEvents = new Set(['push', 'schedule', 'workflow_dispatch']);

/**
 * The default branch's name when CI says this pipeline runs for the default branch itself (a push, not a
 * pull request). CI checkouts are often detached, so the checked-out branch alone cannot tell.
 */
export function ciDefaultBranchBuild(env: Environment, defaultBranch: string | undefined): string | undefined {
  const githubEvent = value(env, 'GITHUB_EVENT_NAME');
  const githubRef = value(env, 'GITHUB_REF_NAME');
  if (githubEvent && githubBranchEvents.has(githubEvent) && githubRef && githubRef === defaultBranch) return githubRef;

  const gitlabBranch = value(env, 'CI_COMMIT_BRANCH');
  if (gitlabBranch && gitlabBranch === value(env, 'CI_DEFAULT_BRANCH')) return gitlabBranch;

  const buildkiteBranch = value(env, 'BUILDKITE_BRANCH');
  const buildkitePullRequest = value(env, 'BUILDKITE_PULL_REQUEST') ?? 'false';
  if (buildkiteBranch && buildkitePullRequest === 'false' && buildkiteBranch === value(env, 'BUILDKITE_PIPELINE_DEFAULT_BRANCH')) {
    return buildkiteBranch;
  }
  return undefined;
}

/** Whether CI variables say which branch or ref this pipeline builds; then they, not the commit, decide. */
export function ciNamesBuild(env: Environment): boolean {
  return ['GITHUB_REF_NAME', 'CI_COMMIT_REF_NAME', 'CI_COMMIT_BRANCH', 'BUILDKITE_BRANCH', 'BITBUCKET_BRANCH'].some((name) => value(env, name));
}
