// The `impacted audit` command behind the CLI: flags in, text or JSON out through the given writers, exit code back.
import path from 'node:path';
import { ImpactedError } from '../errors.js';
import { findRepoRoot, toRepoPath } from '../repo-root.js';
import { acceptMissedEdges } from './accept-missed-edges.js';
import { auditTests } from './audit-tests.js';
import { acceptedText, auditFindings, auditProgress, auditSummary } from './audit-text.js';
import { jsonText } from '../report/json-text.js';

export interface AuditFlags {
  /** Test files to audit, relative to `cwd`; default every test file. */
  tests?: string[];
  /** `--sample <n>`, as commander hands it over. */
  sample?: string;
  /** `--concurrency <n>`. */
  concurrency?: string;
  json?: boolean;
  fix?: boolean;
  config?: string;
  cwd: string;
  /** `--no-probe`: commander sets false. */
  probe?: boolean;
}

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: `--json` is indented there, one line elsewhere. */
  terminal: boolean;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new ImpactedError('USAGE', `${flag} takes a positive whole number, not "${value}".`);
  return number;
}

/**
 * Runs the audit and writes its report. Exit code 1 when a missed edge remains (not accepted with `--fix`) or a test
 * could not be audited, else 0; 130/143 when `signal` was aborted with reason 'SIGINT'/'SIGTERM'. User errors throw
 * ImpactedError like every command.
 */
export async function auditCommand(flags: AuditFlags, io: AuditIo, signal?: AbortSignal): Promise<number> {
  const root = findRepoRoot(flags.cwd);
  const userCwd = path.resolve(flags.cwd);
  const { report, config } = await auditTests({
    cwd: root,
    configFile: flags.config,
    tests: flags.tests?.map((file) => toRepoPath(root, userCwd, file)),
    sample: positive('--sample', flags.sample),
    concurrency: positive('--concurrency', flags.concurrency),
    probe: flags.probe,
    signal,
    onEvent: (event) => {
      if (event.type === 'plan' && event.tests.length === 0) io.stderr('impacted: no test files to audit\n');
      if (event.type !== 'test-end') return;
      io.stderr(`${auditProgress(event.test, event.index, event.total, event.ms)}\n`);
      // Without coverage of the test itself, the runner's own words are the only clue.
      if (!event.test.captured && event.output.trim() !== '') io.stderr(`${event.output.trimEnd().split('\n').slice(-20).join('\n')}\n`);
    },
  });
  if (signal?.aborted) {
    // A stopped audit has seen only part of the suite: no report to trust, no rules to write.
    io.stderr(`impacted: audit stopped after ${report.summary.audited} of ${report.summary.total} test files\n`);
    return signal.reason === 'SIGTERM' ? 143 : 130;
  }
  io.stdout(flags.json ? jsonText(report, io.terminal) : auditFindings(report));
  io.stderr(`impacted: ${auditSummary(report)}\n`);
  let missed = report.summary.missedEdges;
  if (flags.fix && missed > 0) {
    io.stderr(`impacted: ${acceptedText(await acceptMissedEdges(config, report.tests))}\n`);
    missed = 0;
  } else if (missed > 0) {
    io.stderr('impacted: import them where the graph can see them, or accept them as implicitDependencies with --fix\n');
  }
  return missed > 0 || report.summary.uncaptured > 0 ? 1 : 0;
}
