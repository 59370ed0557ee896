// The plain-object types of `impacted audit`: what ran per test versus what the static graph reaches.

/** One test file, run alone, compared with the graph. */
export interface AuditedTest {
  /** Repository-relative path of the test file. */
  path: string;
  /** Repository files that ran or were read during the test but whose change would not select it (missed edges), sorted. */
  missed: string[];
  /** Code files the graph reaches from the test that did not run (over-selection, informative). */
  overSelected: number;
  /** Code files the graph reaches from the test (the denominator of over-selection). */
  reached: number;
  /** Repository files that ran during the test, the test itself included. */
  ran: number;
  /** Repository files other than code that the test read through `fs` (fixtures, SQL, snapshots, configs). */
  read: number;
  /** Whether coverage of the test file itself was captured; false means nothing can be concluded for this test. */
  captured: boolean;
  /** The runner's exit code for this file alone (a failing test still tells what it loaded). */
  exitCode: number;
  /** Why the runner could not be started. */
  error?: string;
}

export interface AuditSummary {
  /** Test files run. */
  audited: number;
  /** Test files the repository has. */
  total: number;
  /** Missed edges over all audited tests. */
  missedEdges: number;
  /** Over all audited tests: statically reached files that did not run, divided by statically reached files. */
  overSelectionRatio: number;
  /** Audited tests whose runner exited non-zero. */
  failed: number;
  /** Audited tests whose coverage could not be captured. */
  uncaptured: number;
  ms: number;
}

/** The `impacted audit --json` object. */
export interface AuditReport {
  version: 1;
  tests: AuditedTest[];
  summary: AuditSummary;
}

export type AuditEvent =
  | { type: 'plan'; tests: string[]; total: number }
  | { type: 'test-start'; path: string; index: number; total: number }
  /** `output` is the runner's output (its tail when long), for showing why a test failed. */
  | { type: 'test-end'; test: AuditedTest; index: number; total: number; ms: number; output: string };
