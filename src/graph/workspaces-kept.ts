// The workspace packages, kept between runs: a warm run at 100,000 files read and parsed 1,000 manifests again
// (96 ms of ~2 s) to find the layout they had the run before.
import { createHash } from 'node:crypto';
import { readText, type RepoFiles } from '../files/repo-files.js';
import type { ReadingCache } from './reading-cache.js';
import type { ScannedFile } from './scan-files.js';
import { findWorkspaces, type WorkspaceLayout } from './workspaces.js';

/** The files `findWorkspaces` reads, whether or not the scan lists them: the root manifest and the pnpm workspace list. */
const rootInputs = ['package.json', 'pnpm-workspace.yaml'];

/** A file's content as a key: its blob hash where git vouches for it, else the sha1 of its text (or why it has none). */
function contentOf(source: RepoFiles, file: string, hash: string | undefined): string {
  if (hash !== undefined) return `blob ${hash}`;
  const read = readText(source, file);
  return 'text' in read ? `text ${createHash('sha1').update(read.text).digest('hex')}` : `none ${read.code}`;
}

/**
 * `findWorkspaces(root, files, source, links)`, where `files` are the paths of `scanned`, from `readings` when every
 * file it may read is as it was (the root manifest, pnpm-workspace.yaml, every package.json of the list, and where
 * `links` leads them) and the list has the same package.json files. An invalid manifest is an error every time, never
 * kept.
 */
export function findWorkspacesKept(
  root: string,
  scanned: readonly ScannedFile[],
  source: RepoFiles,
  links: ReadonlyMap<string, string>,
  readings: ReadingCache | undefined,
): WorkspaceLayout {
  const find = () => findWorkspaces(root, scanned.map((file) => file.path), source, links);
  if (readings === undefined) return find();
  const inputs: string[] = [root];
  const listed = new Set<string>();
  for (const file of scanned) {
    if (file.path !== 'pnpm-workspace.yaml' && file.path !== 'package.json' && !file.path.endsWith('/package.json')) continue;
    listed.add(file.path);
    // Through a symbolic link the content is the target's, not the link's blob: read.
    const content = contentOf(source, file.path, file.link === undefined ? file.hash : undefined);
    const target = links.get(file.path);
    inputs.push(`${file.path}\0${content}${target === undefined ? '' : `\0link ${target}`}`);
  }
  for (const file of rootInputs) if (!listed.has(file)) inputs.push(`${file}\0${contentOf(source, file, undefined)}`);
  return readings.byContent('workspaces', 'package.json', inputs.join('\n'), find);
}
