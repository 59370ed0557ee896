// The resolution epoch: a hash of everything import resolution reads besides the importing file itself and the file
// list. Cached resolutions are reused only within one epoch, so editing a tsconfig or manifest resolves anew; which
// paths exist is recorded per resolution instead (probe-keys.ts), so adding a file redoes only what it can change.
import { createHash } from 'node:crypto';
import type { RepoFiles } from '../files/repo-files.js';
import { gitBlobHash } from './content-hash.js';
import type { PackageEntries } from './package-entries.js';
import type { ScannedFile } from './scan-files.js';
import type { AliasScope } from './resolve-specifier.js';
import type { Tsconfig } from './tsconfig.js';
import type { WorkspaceLayout } from './workspaces.js';

export interface EpochInput {
  /** Where the manifests are read. */
  source: RepoFiles;
  scanned: readonly ScannedFile[];
  layout: WorkspaceLayout;
  /** The entries packages declare in bundler configs and manifests, by package directory. */
  entries: ReadonlyMap<string, PackageEntries>;
  /** Every tsconfig loaded so far, their `extends` chains merged in (including chains into node_modules). */
  tsconfigs: readonly Tsconfig[];
  /** The runners' resolution aliases, by the directories they apply to. */
  aliases?: readonly AliasScope[];
}

/** Undefined when a manifest cannot be read: resolution is then not cached. */
export function resolutionEpoch({ source, scanned, layout, entries, tsconfigs, aliases }: EpochInput): string | undefined {
  const hash = createHash('sha1');
  // Any package.json may be read when a directory is imported (its main/types); workspace manifests are in the layout.
  // A package.json added or gone is a manifest more or less, so another epoch.
  const manifests: string[] = [];
  for (const file of scanned) {
    if (file.path !== 'package.json' && !file.path.endsWith('/package.json')) continue;
    let content: string;
    try {
      content = file.hash ?? file.link ?? gitBlobHash(source.read(file.path));
    } catch {
      return undefined;
    }
    manifests.push(file.path, content);
  }
  hash.update(`\0manifests\0${manifests.join('\0')}\0`);
  // Symlinked workspaces and pnpm-workspace.yaml are only seen here.
  hash.update(JSON.stringify(layout)).update('\0');
  // Which files packages declare as entries is worked out from the file list: here, not in the probes.
  hash.update(JSON.stringify([...entries])).update('\0');
  // Every tsconfig that governs a directory with code is loaded: one added or gone changes this list.
  for (const config of [...tsconfigs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(JSON.stringify(config)).update('\0');
  }
  // A runner config's aliases change what a specifier resolves to: a config edit resolves anew.
  hash.update(`\0aliases\0${JSON.stringify(aliases ?? [])}`);
  return hash.digest('hex');
}
