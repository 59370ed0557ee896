// The environment every git process impacted starts runs in: ambient GIT_* variables removed, the same way for all.
//
// A pre-commit hook exports GIT_INDEX_FILE (a temporary index), a script may export GIT_DIR without GIT_WORK_TREE:
// honoured by some git calls and not others, they make the file scan and the diff describe different repositories.
// impacted always analyses the repository that contains the directory it runs in (or --cwd), its work tree and its
// own index, so it clears them all; only the variables a `git fetch` of a shallow clone needs for credentials are kept.

/**
 * Ambient git variables that reach git: credentials for the fetch that deepens a shallow clone, and
 * GIT_TERMINAL_PROMPT=0 (set by CI) that keeps it from waiting on a password prompt.
 */
export const allowedGitVariables = ['GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'GIT_TERMINAL_PROMPT'];

const allowed = new Set(allowedGitVariables);

/** `env` without the GIT_* variables impacted does not honour. */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.toUpperCase().startsWith('GIT_') || allowed.has(name)) clean[name] = value;
  }
  return clean;
}
