// `impacted hook install|uninstall`: a pre-push git hook that runs the affected tests, or the line for a hook manager.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImpactedError } from '../errors.js';

/** The command the hook runs; `npx --no-install` uses the project's own impacted and never downloads one. */
export const hookCommand = 'npx --no-install impacted run --base @{upstream}';

const marker = '# impacted pre-push hook';

/** `--base @{upstream}` falls back to the default branch for a branch pushed for the first time. */
export const hookScript = `#!/bin/sh
${marker}: runs the tests affected by the changes since the upstream branch.
# Installed by \`impacted hook install\`; remove it with \`impacted hook uninstall\`. Skip it once with git push --no-verify.
exec ${hookCommand}
`;

export type HookManager = 'husky' | 'lefthook' | 'simple-git-hooks';

export type HookResult =
  /** The hook file was written (or rewritten: `updated`), or removed. */
  | { status: 'installed' | 'updated' | 'removed'; file: string }
  /** Nothing to remove. */
  | { status: 'absent'; file: string }
  /** A hook manager owns the hooks: nothing was written; `instructions` says what to add or remove where. */
  | { status: 'manager'; manager: HookManager; file: string; instructions: string }
  /** A pre-push hook that impacted did not write exists: nothing was changed. */
  | { status: 'foreign'; file: string; instructions: string };

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    throw new ImpactedError('NOT_A_REPO', `${root} is not a git repository: run impacted hook in a git work tree.`, { cause: error });
  }
}

function detectManager(root: string, hooksPath: string): HookManager | undefined {
  const manifest = readText(path.join(root, 'package.json')) ?? '';
  const lefthookFiles = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.json', 'lefthook.toml'];
  if (existsSync(path.join(root, '.husky')) || /(^|\/)\.husky(\/|$)/.test(hooksPath)) return 'husky';
  if (lefthookFiles.some((name) => existsSync(path.join(root, name)))) return 'lefthook';
  const simpleFiles = ['.simple-git-hooks.json', '.simple-git-hooks.js', '.simple-git-hooks.cjs', 'simple-git-hooks.json', 'simple-git-hooks.js', 'simple-git-hooks.cjs'];
  if (/"simple-git-hooks"\s*:\s*\{/.test(manifest) || simpleFiles.some((name) => existsSync(path.join(root, name)))) return 'simple-git-hooks';
  return undefined;
}

function managerInstructions(manager: HookManager, action: 'install' | 'uninstall'): { file: string; instructions: string } {
  switch (manager) {
    case 'husky':
      return {
        file: '.husky/pre-push',
        instructions:
          action === 'install' ? `husky manages your git hooks. Add this line to .husky/pre-push:\n  ${hookCommand}` : `husky manages your git hooks. Remove this line from .husky/pre-push:\n  ${hookCommand}`,
      };
    case 'lefthook':
      return {
        file: 'lefthook.yml',
        instructions:
          action === 'install'
            ? `lefthook manages your git hooks. Add this to lefthook.yml, then run npx lefthook install:\n  pre-push:\n    commands:\n      impacted:\n        run: ${hookCommand}`
            : `lefthook manages your git hooks. Remove the pre-push command "impacted" from lefthook.yml, then run npx lefthook install.`,
      };
    case 'simple-git-hooks':
      return {
        file: 'package.json',
        instructions:
          action === 'install'
            ? `simple-git-hooks manages your git hooks. Add this to "simple-git-hooks" in package.json, then run npx simple-git-hooks:\n  "pre-push": "${hookCommand}"`
            : `simple-git-hooks manages your git hooks. Remove "pre-push" from "simple-git-hooks" in package.json, then run npx simple-git-hooks.`,
      };
  }
}

/** The pre-push hook file git runs for the repository at `root` (honours core.hooksPath and worktrees). */
function hookFile(root: string): string {
  return path.resolve(root, git(root, ['rev-parse', '--git-path', 'hooks/pre-push']));
}

/** Writes the pre-push hook, unless a hook manager or another pre-push hook is in charge (then says what to add). */
export function installHook(root: string): HookResult {
  const file = hookFile(root);
  const hooksPath = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  const manager = detectManager(root, hooksPath);
  if (manager) return { status: 'manager', manager, ...managerInstructions(manager, 'install') };
  const existing = readText(file);
  if (existing !== undefined && !existing.includes(marker)) {
    return { status: 'foreign', file, instructions: `${file} already exists and impacted did not write it. Add this line to it:\n  ${hookCommand}` };
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, hookScript);
    chmodSync(file, 0o755);
  } catch (error) {
    throw new ImpactedError('FILE', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { status: existing === undefined ? 'installed' : 'updated', file };
}

/** Removes the pre-push hook impacted wrote; leaves any other hook alone and says what to remove instead. */
export function uninstallHook(root: string): HookResult {
  const file = hookFile(root);
  const existing = readText(file);
  if (existing?.includes(marker)) {
    rmSync(file);
    return { status: 'removed', file };
  }
  const hooksPath = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  const manager = detectManager(root, hooksPath);
  if (manager) return { status: 'manager', manager, ...managerInstructions(manager, 'uninstall') };
  if (existing !== undefined) {
    return { status: 'foreign', file, instructions: `${file} was not written by impacted; if it runs impacted, remove this line from it:\n  ${hookCommand}` };
  }
  return { status: 'absent', file };
}
