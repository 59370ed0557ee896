// What `impacted hook install|uninstall` prints for each outcome.
import path from 'node:path';
import type { HookResult } from './git-hook.js';

export function hookText(result: HookResult, root: string): string {
  const file = path.relative(root, result.file).split(path.sep).join('/') || result.file;
  switch (result.status) {
    case 'installed':
      return `impacted: installed the pre-push hook (${file}): git push now runs the tests affected since the upstream branch.\n`;
    case 'updated':
      return `impacted: updated the pre-push hook (${file}).\n`;
    case 'removed':
      return `impacted: removed the pre-push hook (${file}).\n`;
    case 'absent':
      return `impacted: no pre-push hook to remove (${file} does not exist).\n`;
    case 'manager':
      return `impacted: ${result.instructions}\n`;
    case 'foreign':
      // The instructions name the hook by its absolute path; the repository-relative one reads better.
      return `impacted: ${result.instructions.replace(result.file, file)}\n`;
  }
}
