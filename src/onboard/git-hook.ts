// `impacted hook install|uninstall`: a pre-push git hook that runs the affected tests, or the line for a hook manager.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImpactedError } from '../errors.js';

/** The command the hook runs; `npx --no-install` uses the project's own impacted and never downloads one. */
export const hookCommand = 'npx --no-install impacted run --base @{upstream}';

const beginMarker = '# >>> impacted pre-push hook >>>';
const endMarker = '# <<< impacted pre-push hook <<<';

/** impacted's own lines in a pre-push hook: everything between the markers is impacted's, everything else the user's. */
export function hookBlock(eol = '\n'): string {
  return [
    beginMarker,
    '# Runs the tests affected by the changes since the upstream branch (the default branch on a first push).',
    '# Added by `impacted hook install`; `impacted hook uninstall` removes these lines. Skip once: git push --no-verify.',
    `${hookCommand} || exit $?`,
    endMarker,
    '',
  ].join(eol);
}

/** The hook file impacted writes when there is none. */
export const hookScript = `#!/bin/sh\n${hookBlock()}`;

export type HookManager = 'husky' | 'lefthook' | 'simple-git-hooks';

export type HookResult =
  /** The hook file was written, impacted's block in it rewritten (`updated`) or removed; `backup` holds the file as it was. */
  | { status: 'installed' | 'updated' | 'removed'; file: string; backup?: string }
  /** Nothing to remove, or impacted's block is already as it would write it. */
  | { status: 'absent' | 'unchanged'; file: string }
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

interface BlockSpan {
  /** Offset of the first character of the begin-marker line. */
  start: number;
  /** Offset just after the end-marker line and its line ending. */
  end: number;
}

/** Where impacted's marked block is in a hook file's text (any line ending), or undefined when it has none. */
function findBlock(text: string, file: string): BlockSpan | undefined {
  let start: number | undefined;
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const content = line.replace(/\r?\n$/, '').trimEnd();
    if (start === undefined && content === beginMarker) start = offset;
    else if (start !== undefined && content === endMarker) return { start, end: offset + line.length };
    offset += line.length;
  }
  if (start === undefined) return undefined;
  throw new ImpactedError('FILE', `${file} has the line "${beginMarker}" but not "${endMarker}": restore the end line (or delete impacted's lines) by hand.`);
}

/** The line ending the file already uses, so that impacted's lines match the user's. */
function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Copies the hook as it is to `<hook>.impacted-backup` before impacted changes it; returns the copy's path. */
function backUp(file: string): string {
  const backup = `${file}.impacted-backup`;
  try {
    copyFileSync(file, backup);
    return backup;
  } catch (error) {
    throw new ImpactedError('FILE', `cannot back up ${file} before changing it: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes `text` to the hook, after backing up what was there; returns the backup's path. */
function writeHook(file: string, text: string, previous: string | undefined): string | undefined {
  const backup = previous === undefined ? undefined : backUp(file);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (previous === undefined) chmodSync(file, 0o755);
  } catch (error) {
    throw new ImpactedError('FILE', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
  return backup;
}

/**
 * Writes the pre-push hook, or rewrites impacted's block in it and nothing else, unless a hook manager or another
 * pre-push hook is in charge (then says what to add).
 */
export function installHook(root: string): HookResult {
  const file = hookFile(root);
  const hooksPath = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  const manager = detectManager(root, hooksPath);
  if (manager) return { status: 'manager', manager, ...managerInstructions(manager, 'install') };
  const existing = readText(file);
  if (existing === undefined) {
    writeHook(file, hookScript, undefined);
    return { status: 'installed', file };
  }
  const block = findBlock(existing, file);
  if (block === undefined) {
    return { status: 'foreign', file, instructions: `${file} already exists and impacted did not write it. Add this line to it:\n  ${hookCommand}` };
  }
  const updated = existing.slice(0, block.start) + hookBlock(lineEnding(existing)) + existing.slice(block.end);
  if (updated === existing) return { status: 'unchanged', file };
  return { status: 'updated', file, backup: writeHook(file, updated, existing) };
}

/** Removes impacted's block from the pre-push hook (the file too when nothing else is left); leaves any other hook alone. */
export function uninstallHook(root: string): HookResult {
  const file = hookFile(root);
  const existing = readText(file);
  const block = existing === undefined ? undefined : findBlock(existing, file);
  if (existing !== undefined && block !== undefined) {
    const rest = existing.slice(0, block.start) + existing.slice(block.end);
    // Only the shebang impacted itself wrote is left: the hook was impacted's alone.
    if (rest.trim() !== '#!/bin/sh') return { status: 'removed', file, backup: writeHook(file, rest, existing) };
    const backup = backUp(file);
    try {
      rmSync(file);
    } catch (error) {
      throw new ImpactedError('FILE', `cannot remove ${file}: ${(error as Error).message}`, { cause: error });
    }
    return { status: 'removed', file, backup };
  }
  const hooksPath = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  const manager = detectManager(root, hooksPath);
  if (manager) return { status: 'manager', manager, ...managerInstructions(manager, 'uninstall') };
  if (existing !== undefined) {
    return { status: 'foreign', file, instructions: `${file} was not written by impacted; if it runs impacted, remove this line from it:\n  ${hookCommand}` };
  }
  return { status: 'absent', file };
}
