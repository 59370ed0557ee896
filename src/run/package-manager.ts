// The repository's own package manager, so that a message says `pnpm add -D vitest`, not `npm i -D vitest`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PackageManifest } from '../runners/package-files.js';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

const lockfiles: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The root manifest's `packageManager` ("pnpm@9.1.0"), else the lockfile at the root, else npm. */
export function detectPackageManager(root: string, rootManifest: PackageManifest | undefined): PackageManagerName {
  const declared = rootManifest?.packageManager?.split('@')[0];
  if (declared === 'npm' || declared === 'pnpm' || declared === 'yarn' || declared === 'bun') return declared;
  return lockfiles.find(([file]) => existsSync(path.join(root, file)))?.[1] ?? 'npm';
}

/** The command that adds `pkg` as a devDependency of the package in the current directory. */
export function addDevCommand(manager: PackageManagerName, pkg: string): string {
  switch (manager) {
    case 'npm':
      return `npm i -D ${pkg}`;
    case 'bun':
      return `bun add -d ${pkg}`;
    default:
      return `${manager} add -D ${pkg}`;
  }
}
