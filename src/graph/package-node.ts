// The graph node that stands for the whole source of a workspace package, for imports of it that name no one file.

/** `packages/core/**` (`**` for the root package): never a file name git would list, and says what it covers. */
export function packageNode(dir: string): string {
  return dir === '' ? '**' : `${dir}/**`;
}

export function isPackageNode(node: string): boolean {
  return node === '**' || node.endsWith('/**');
}
