// The plain-object types passed between the pipeline stages (config -> changes -> graph -> selection -> run).

/** How an edge was found in the source. */
export type EdgeKind = 'static' | 'type' | 'dynamic' | 'require' | 'mock' | 'asset' | 'implicit' | 'glob' | 'package' | 'setup';

/**
 * A file-level dependency: `from` needs `to`. Paths are repository-relative with `/`. An import of a workspace package
 * that names no one file goes to the package's node (`packages/core/**`), which has a `package` edge to each of its
 * code files.
 */
export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

/** An external (npm) package imported by a repository file. */
export interface ExternalImport {
  from: string;
  package: string;
}

/** A specifier that could not be resolved to a repository file or a package. */
export interface UnresolvedImport {
  from: string;
  specifier: string;
  /** Set when the specifier names a workspace package: the importer then depends on that package's whole source. */
  package?: string;
}

/**
 * What the graph could not read: a file whose imports could not all be read (it keeps the edges that could be), a file
 * it cannot open, a file type it cannot read that something imports, or a config it could not load.
 */
export interface ParseProblem {
  file: string;
  kind: 'unparsed' | 'unreadable' | 'unknown-type' | 'config';
  message: string;
}

/** One thing the graph could not read or resolve, as `list --json` and `graph --problems` report it. */
export interface GraphProblem {
  kind: ParseProblem['kind'] | 'unresolved' | 'whole-package';
  file: string;
  /** The import specifier, for `unresolved` and `whole-package`. */
  specifier?: string;
  message: string;
}

/** A workspace package (or the root package of a single-package repository). */
export interface WorkspacePackage {
  name: string;
  /** Repository-relative directory, `''` for the repository root. */
  dir: string;
  /** Directories of the workspace packages its manifest depends on (any dependency field). */
  dependsOn: string[];
  /** Every package name its manifest declares (any dependency field), sorted; absent: not known, so none. */
  declared?: string[];
}

export interface GraphStats {
  files: number;
  edges: number;
  packages: number;
  unresolved: number;
  ms: number;
}

/** The file-level import graph of a repository. */
export interface ImportGraph {
  /** Absolute path of the repository root. */
  root: string;
  /** Every scanned file, sorted. */
  files: string[];
  edges: GraphEdge[];
  external: ExternalImport[];
  unresolved: UnresolvedImport[];
  problems: ParseProblem[];
  packages: WorkspacePackage[];
  stats: GraphStats;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** The old path of a rename. */
  from?: string;
}

/** External packages whose locked version changed between base and head. */
export interface LockfileChange {
  lockfile: string;
  /**
   * Package names whose resolved version was added, removed or changed for every file that may import them, and
   * the packages that depend on one of those (their code changed too).
   */
  packages: string[];
  /**
   * Package names whose locked version changed only for some workspace packages (a pnpm importer, an npm
   * `packages/a/node_modules/...` copy): the directories (repository-relative) whose files get the new version.
   * Absent when there are none.
   */
  scoped?: { package: string; dirs: string[] }[];
  /** Set when the lockfile could not be parsed: selection must then be wide. */
  error?: string;
}

/** One changed key of a package.json; `name` is the entry, for dependency fields and `scripts`. */
export interface ManifestKeyChange {
  key: string;
  name?: string;
}

/** A package.json that changed between base and head, key by key. */
export interface ManifestChange {
  manifest: string;
  keys: ManifestKeyChange[];
  /** Set when either side could not be parsed: selection must then be wide. */
  error?: string;
}

export type SelectionMode = 'affected' | 'all';

/** What changed between the merge base and the head. */
export interface ChangeSet {
  mode: SelectionMode;
  /** Why mode is `all` (default branch, shallow clone, ...). */
  reason?: string;
  /** The ref the user (or CI) asked to compare against. */
  baseRef: string;
  /** The sha of the merge base. */
  base: string;
  /** A sha, or `worktree` for the working tree. */
  head: string;
  changed: ChangedFile[];
  lockfiles: LockfileChange[];
  /** Changed package.json files, key by key; a manifest missing here is not analysed and widens. */
  manifests?: ManifestChange[];
}

/** One reason a test was selected: a changed file and the import chain from the test to it. */
export interface SelectionReason {
  changed: string;
  /** Files between the test and the changed file, nearest to the changed file first. */
  via: string[];
  /** A rule that fired instead of an import chain (`runAll`, `implicitDependencies`, ...). */
  rule?: string;
}

export interface SelectedTest {
  path: string;
  reasons: SelectionReason[];
}

export interface SelectionStats {
  files: number;
  edges: number;
  tests: number;
  ms: number;
}

/** A changed file that selects no test because it is known inert. */
export interface InertFile {
  path: string;
  /** The known-inert pattern it matches (the defaults, or the config's `inert`). */
  pattern: string;
}

/** The `impacted list --json` object. */
export interface Selection {
  version: 1;
  mode: SelectionMode;
  reason: string;
  base: string;
  head: string;
  changed: ChangedFile[];
  tests: SelectedTest[];
  /** What the graph could not read or resolve; the selection is widened for each. */
  problems: GraphProblem[];
  /** Changed files that select no test because they are known inert; left out when there are none. */
  inert?: InertFile[];
  stats: SelectionStats;
  /** The recorded dependency map selection unioned in (`impacted record`), when there is one. */
  recorded?: RecordedSummary;
  /** What may make the test set wrong: runner config values read by guessing, missing setup files, imported tests. */
  warnings?: string[];
}

/** Which recorded map a selection used, and which recorded tests it left to the static rules. */
export interface RecordedSummary {
  file: string;
  /** The config names a map that does not exist: the selection is the static one alone. */
  missing?: boolean;
  /** The commit the map was recorded on. */
  commit: string;
  recordedAt: string;
  /** Test files in the map. */
  tests: number;
  /** Recorded tests whose own file changed since the recording: static rules alone decide for them. */
  stale: string[];
}

/** Progress events for long stages; the library reports them instead of printing. */
export interface ProgressEvent {
  stage: 'scan' | 'extract' | 'resolve' | 'select' | 'run';
  done: number;
  total?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

/**
 * A package whose `test` script names no runner impacted reads (`make test`, `./scripts/test.sh`), with the tests
 * only impacted's default globs made of its files: no runner is known to run them, so `impacted run` runs that script.
 */
export interface UnreadScriptTests {
  /** Repository-relative directory of the package, `''` for the root. */
  dir: string;
  /** The package's `test` script, as written. */
  script: string;
  /** Its test files that no runner project takes, repository-relative, sorted. */
  tests: string[];
}
