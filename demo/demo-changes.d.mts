// Types of demo-changes.mjs, for the TypeScript tests that check the demo's expectations.
export interface Edit {
  /** Repository-relative path. */
  file: string;
  /** Text that must be in the file, and what it becomes. */
  replace?: [string, string];
  /** The whole new file. */
  content?: string;
}

export interface DemoChange {
  branch: string;
  /** A few words for the summary table. */
  label: string;
  title: string;
  edits: Edit[];
  /** The test files `impacted` must select, sorted. */
  expected: string[] | 'all';
}

export declare const demoChanges: DemoChange[];
export declare function applyChange(repoDir: string, change: DemoChange): void;
