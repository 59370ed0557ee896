// What the CLI tells a person while list/run/graph work: progress, the no-config detection note, summaries, --verbose timings.
import { analyze, type AffectedTestsOptions, type Analysis } from '../affected-tests.js';
import type { BuildGraphStats } from '../graph/build-graph.js';
import { createProgressPrinter, timingsText } from '../report/progress-text.js';
import type { GraphStats } from '../types.js';

export interface FeedbackFlags {
  /** No summary lines, no detection note, no progress. */
  quiet?: boolean;
  /** Stage timings at the end. */
  verbose?: boolean;
}

export interface Feedback {
  /** Runs the pipeline with progress on a TTY; without a config, notes once what was detected. */
  analyze: (options: AffectedTestsOptions, settings?: { detectionNote?: boolean }) => Promise<Analysis>;
  /** A summary line on stderr, dropped with --quiet. */
  note: (line: string) => void;
  /** With --verbose, where the time went; `run`: the time since the analysis went to the runners. */
  done: (settings?: { run?: boolean }) => void;
}

/** `buildGraph` reports its stage times; a graph from elsewhere may not. */
function graphStages(stats: GraphStats): BuildGraphStats['stages'] | undefined {
  return 'stages' in stats ? (stats as BuildGraphStats).stages : undefined;
}

/** `now`: milliseconds since the user's process started; what came before this is node's start and module loading. */
export function createFeedback(write: (text: string) => void, flags: FeedbackFlags, isTTY: boolean, now: () => number): Feedback {
  const quiet = flags.quiet === true;
  const startupMs = Math.round(now());
  const printer = createProgressPrinter({ write, isTTY, quiet });
  let analysis: Analysis | undefined;
  let analyzedAt = 0;
  let detectMs = 0;
  return {
    async analyze(options, settings = {}) {
      try {
        analysis = await analyze({ ...options, onProgress: printer.onProgress });
      } finally {
        printer.finish();
      }
      analyzedAt = printer.elapsed();
      // A runner that is not installed (dependencies not installed yet) is the common, expected case: only --verbose says so.
      for (const { configFile, reason, installed } of analysis.discovery.probeFailures) {
        if (!quiet && (installed || flags.verbose)) write(`impacted: ${configFile}: ${reason}; read statically instead\n`);
      }
      if (!quiet) for (const warning of analysis.selection.warnings ?? []) write(`impacted: warning: ${warning}\n`);
      if (analysis.config.source === undefined && !quiet && settings.detectionNote !== false) {
        const { graph, discovery } = analysis;
        // Only a run without a config says what it detected: the detection modules load then.
        const [{ describeSetup }, { detectionSummary }] = await Promise.all([import('./detect-setup.js'), import('./setup-text.js')]);
        write(`${detectionSummary(await describeSetup({ root: graph.root, files: graph.files, packages: graph.packages, discovery }))}\n`);
        detectMs = printer.elapsed() - analyzedAt;
        analyzedAt += detectMs;
      }
      return analysis;
    },
    note(line) {
      if (!quiet) write(`${line}\n`);
    },
    done(settings = {}) {
      if (!flags.verbose || !analysis) return;
      const { graph } = analysis;
      const totalMs = Math.round(now());
      const timings = {
        totalMs,
        startupMs,
        pipeline: analysis.timings,
        graphMs: graph.stats.ms - (graphStages(graph.stats)?.aliases ?? 0),
        files: graph.stats.files,
        edges: graph.stats.edges,
        graphStages: graphStages(graph.stats),
        extractedBeside: 'extractedBeside' in graph.stats ? (graph.stats as BuildGraphStats).extractedBeside : undefined,
        detectMs,
      };
      write(`${timingsText(settings.run ? { ...timings, runMs: printer.elapsed() - analyzedAt } : timings)}\n`);
    },
  };
}
