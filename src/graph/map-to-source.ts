// Maps a build output path of a workspace package (dist/x.js, dist/x.d.ts) back to its source file.

const outputExtension = /(\.d)?\.(m|c)?(j|t)sx?$/;
const outputDirs = ['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'types', 'dist/esm', 'dist/cjs', 'dist/src'];

export interface PackageOutput {
  /** Package-relative outDir and rootDir from the package's tsconfig, when it declares them. */
  outDir?: string;
  rootDir?: string;
}

/**
 * Candidate source stems (package-relative, no extension) for a package-relative output path, most
 * likely first. The caller probes them with TypeScript's extensions.
 */
export function sourceCandidates(target: string, output: PackageOutput): string[] {
  const file = target.replace(/^\.\//, '');
  const stem = file.replace(outputExtension, '');
  const candidates: string[] = [];
  if (output.outDir !== undefined) {
    const outDir = output.outDir.replace(/\/$/, '');
    if (outDir === '' || stem.startsWith(`${outDir}/`)) {
      const rest = outDir === '' ? stem : stem.slice(outDir.length + 1);
      const rootDir = (output.rootDir ?? 'src').replace(/\/$/, '');
      candidates.push(rootDir ? `${rootDir}/${rest}` : rest);
    }
  }
  for (const dir of outputDirs) {
    if (stem.startsWith(`${dir}/`)) {
      const rest = stem.slice(dir.length + 1);
      candidates.push(`src/${rest}`, rest);
    }
  }
  candidates.push(stem);
  return [...new Set(candidates)];
}
