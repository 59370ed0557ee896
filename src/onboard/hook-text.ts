// What `impacted hook install|uninstall` prints for each outcome.
import path from 'node:path';
import type { HookResult } from './git-hook.js';

export function hookText(result: HookResult, root: string): string {
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/') || file;
  const file = relative(result.file);
  const backup = 'backup' in result && result.backup ? `; the previous file is ${relative(result.backup)}` : '';
  switch (result.status) {
    case 'installed':
      return `impacted: installed the pre-push hook (${file}): git push now runs the tests affected since the upstream branch.\n`;
    case 'updated':
      return `impacted: updated impacted's lines in the pre-push hook (${file}${backup}).\n`;
    case 'removed':
      return `impacted: removed impacted's lines from the pre-push hook (${file}${backup}).\n`;
    case 'unchanged':
      return `impacted: the pre-push hook already runs impacted (${file}); nothing changed.\n`;
    case 'absent':
      return `impacted: no pre-push hook to remove (${file} does not exist).\n`;
    case 'manager':
      return `impacted: ${result.instructions}\n`;
    case 'foreign':
      // The instructions name the hook by its absolute path; the repository-relative one reads better.
      return `impacted: ${result.instructions.replace(result.file, file)}\n`;
  }
}
