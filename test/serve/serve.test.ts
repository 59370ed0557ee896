// `impacted serve`: the CLI's `list` answered by a long-lived server prints exactly what the CLI prints by itself,
// with each request's directory and environment, sees every change made between requests, and falls back to running
// itself whenever the server cannot answer. Each test has a socket directory of its own (XDG_RUNTIME_DIR), so the
// servers started here answer no other test file's CLI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

interface Server {
  child: ChildProcess;
  /** What the server printed on stderr so far. */
  log: () => string;
  exited: Promise<number | null>;
}

const started: Server[] = [];
const runtimeDirs: string[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of runtimeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runtimeDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-serve-'));
  runtimeDirs.push(dir);
  return dir;
}

/** Starts `impacted serve` and resolves once it listens. */
async function startServer(runtime: string, args: string[] = [], env: Record<string, string> = {}, cwd = tmpdir()): Promise<Server> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), 'serve', ...args], {
    cwd,
    env: { ...process.env, XDG_RUNTIME_DIR: runtime, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server = { child, log: () => log, exited };
  started.push(server);
  await vi.waitFor(() => expect(log).toContain('answering impacted list'), { timeout: 20_000, interval: 20 });
  return server;
}

/** A run's output, with the milliseconds its summary lines and its JSON's stats name taken out. */
function withoutTimes(result: CliResult): CliResult {
  return { ...result, stdout: result.stdout.replace(/"ms":\d+/g, '"ms":0'), stderr: result.stderr.replace(/(, | in )\d+ ms\b/g, '$1N ms') };
}

function list(repo: TempRepo, runtime: string, args: string[] = [], env: Record<string, string | undefined> = {}, cwd = repo.dir): CliResult {
  return withoutTimes(runCli(['list', ...args], { cwd, env: { XDG_RUNTIME_DIR: runtime, ...env } }));
}

/** The same list run by the CLI itself. */
function listHere(repo: TempRepo, runtime: string, args: string[] = [], env: Record<string, string | undefined> = {}, cwd = repo.dir): CliResult {
  return list(repo, runtime, args, { ...env, IMPACTED_SERVER: 'off' }, cwd);
}

/** `impacted serve <args>` with this socket directory's parent, run to its end. */
const serve = (runtime: string, args: string[] = []): CliResult => runCli(['serve', ...args], { cwd: tmpdir(), env: { XDG_RUNTIME_DIR: runtime } });

/** How many requests the server's log says it answered. */
const answered = (server: Server): number => server.log().split('\n').filter((line) => / in .*: exit \d+, \d+ ms$/.test(line)).length;

function branchRepo(): TempRepo {
  const repo = createRepo('select-precision');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/a/src/sum.ts', `${repo.read('packages/a/src/sum.ts')}// changed\n`);
  return repo;
}

describe('impacted serve answers impacted list', () => {
  it('prints what the CLI prints by itself, in text and JSON, with the same exit codes', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    for (const args of [['--base', 'main'], ['--base', 'main', '--json'], ['--base', 'no-such-ref'], ['--bogus']]) {
      const served = list(repo, runtime, args);
      expect(served).toEqual(listHere(repo, runtime, args));
    }
    expect(list(repo, runtime, ['--base', 'main']).stdout).toBe('packages/a/test/sum.test.ts\npackages/b/test/total.test.ts\n');
    await vi.waitFor(() => expect(answered(server)).toBe(5));
    await vi.waitFor(() => expect(server.log()).toContain(`list --base no-such-ref in ${repo.dir}: exit 2`));
  });

  it('answers why and graph, and a command after a global option; not run, which starts runners here', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    const cli = (args: string[], env: Record<string, string> = {}) => withoutTimes(runCli(args, { cwd: repo.dir, env: { XDG_RUNTIME_DIR: runtime, ...env } }));
    for (const args of [['why', 'packages/b/test/total.test.ts', '--base', 'main'], ['graph', '--json'], ['--quiet', 'list', '--base', 'main']]) {
      const served = cli(args);
      expect(served.code, served.stderr).toBe(0);
      expect(served).toEqual(cli(args, { IMPACTED_SERVER: 'off' }));
    }
    expect(cli(['why', 'packages/b/test/total.test.ts', '--base', 'main']).stdout).toContain('packages/a/src/sum.ts');
    expect(cli(['run', '--dry-run', '--base', 'main']).code).toBe(0);
    await vi.waitFor(() => expect(answered(server)).toBe(4));
    expect(server.log()).not.toContain(' run --dry-run');
  });

  it("runs each request in the client's directory and environment, not the server's", async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    // Were the server's own environment used, every run would compare against a ref that does not exist.
    const server = await startServer(runtime, [], { IMPACTED_BASE: 'no-such-ref' });
    const fromSubdirectory = list(repo, runtime, ['--cwd', '../..'], { IMPACTED_BASE: 'main' }, path.join(repo.dir, 'packages/b'));
    expect(fromSubdirectory.code, fromSubdirectory.stderr).toBe(0);
    expect(fromSubdirectory.stdout).toBe('packages/a/test/sum.test.ts\npackages/b/test/total.test.ts\n');
    expect(list(repo, runtime, [], { IMPACTED_BASE: 'HEAD' })).toEqual(listHere(repo, runtime, [], { IMPACTED_BASE: 'HEAD' }));
    // No IMPACTED_BASE in the client: the default branch, not the server's no-such-ref.
    const noBase = list(repo, runtime);
    expect(noBase.code, noBase.stderr).toBe(0);
    expect(noBase.stdout).toBe('packages/a/test/sum.test.ts\npackages/b/test/total.test.ts\n');
    await vi.waitFor(() => expect(answered(server)).toBe(3));
  });

  it('sees every change made between two requests', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    expect(list(repo, runtime, ['--base', 'main']).stdout).toBe('packages/a/test/sum.test.ts\npackages/b/test/total.test.ts\n');
    repo.write('packages/c/src/schema.ts', `${repo.read('packages/c/src/schema.ts')}// changed too\n`);
    expect(list(repo, runtime, ['--base', 'main']).stdout).toBe('packages/a/test/sum.test.ts\npackages/b/test/total.test.ts\npackages/c/test/schema.test.ts\n');
    repo.commit('both');
    expect(list(repo, runtime, ['--base', 'HEAD']).stdout).toBe('');
    repo.write('packages/c/test/new.test.ts', "import { test } from 'vitest';\ntest('new', () => {});\n");
    expect(list(repo, runtime, ['--base', 'HEAD'])).toEqual(listHere(repo, runtime, ['--base', 'HEAD']));
    expect(list(repo, runtime, ['--base', 'HEAD']).stdout).toBe('packages/c/test/new.test.ts\n');
    await vi.waitFor(() => expect(answered(server)).toBe(5));
  });
});

describe('the server lifecycle', () => {
  it('--stop stops it; a second server while one runs, or a bad --idle, is one line and exit 2', async () => {
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    expect(serve(runtime)).toEqual({ code: 2, stdout: '', stderr: 'impacted: a server is already running for this build of impacted. Stop it first: impacted serve --stop\n' });
    expect(serve(runtime, ['--idle', '0'])).toEqual({ code: 2, stdout: '', stderr: 'impacted: --idle must be a number of minutes above 0, not "0"\n' });
    expect(serve(runtime, ['--idle', 'Infinity'])).toEqual({ code: 2, stdout: '', stderr: 'impacted: --idle must be a number of minutes above 0, not "Infinity"\n' });
    expect(serve(runtime, ['--stop'])).toEqual({ code: 0, stdout: '', stderr: 'impacted: the server stops\n' });
    expect(await server.exited).toBe(0);
    expect(server.log()).toContain('impacted serve: asked to stop; stopped');
    expect(serve(runtime, ['--stop'])).toEqual({ code: 0, stdout: '', stderr: 'impacted: no server is running\n' });
  });

  it('stops by itself after --idle without a request', async () => {
    const runtime = runtimeDir();
    const server = await startServer(runtime, ['--idle', '0.02']);
    expect(await server.exited).toBe(0);
    expect(server.log()).toContain('impacted serve: no request for 1.2 s; stopped');
  });

  it('a killed server leaves a socket the CLI passes by, and the next server replaces', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const killed = await startServer(runtime);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(list(repo, runtime, ['--base', 'main'])).toEqual(listHere(repo, runtime, ['--base', 'main']));
    const next = await startServer(runtime);
    expect(list(repo, runtime, ['--base', 'main']).code).toBe(0);
    await vi.waitFor(() => expect(answered(next)).toBe(1));
  });

  it('a suspended server (Ctrl-Z) is passed by within a second, and what it was asked meanwhile is not run later', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    server.child.kill('SIGSTOP');
    try {
      const asked = performance.now();
      expect(list(repo, runtime, ['--base', 'main'])).toEqual(listHere(repo, runtime, ['--base', 'main']));
      expect(runCli(['serve', '--stop'], { cwd: tmpdir(), env: { XDG_RUNTIME_DIR: runtime } })).toEqual({ code: 0, stdout: '', stderr: 'impacted: no server is running\n' });
      expect(performance.now() - asked).toBeLessThan(15_000);
    } finally {
      server.child.kill('SIGCONT');
    }
    expect(list(repo, runtime, ['--base', 'main']).code).toBe(0);
    await vi.waitFor(() => expect(answered(server)).toBe(1));
    expect(server.log()).not.toContain('asked to stop');
  });

  it('the directory the server was started in may be deleted', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const startedIn = runtimeDir();
    const server = await startServer(runtime, [], {}, startedIn);
    rmSync(startedIn, { recursive: true });
    expect(list(repo, runtime, ['--base', 'main'])).toEqual(listHere(repo, runtime, ['--base', 'main']));
    expect(list(repo, runtime, ['--base', 'main'])).toEqual(listHere(repo, runtime, ['--base', 'main']));
    await vi.waitFor(() => expect(answered(server)).toBe(2));
  });

  it("files a served run writes get the client's umask", async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const server = await startServer(runtime);
    const bin = path.join(projectRoot, 'bin/impacted.js');
    const result = spawnSync('sh', ['-c', `umask 077 && exec "${process.execPath}" "${bin}" graph --html page.html --base main`], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
    expect(result.status, result.stderr).toBe(0);
    await vi.waitFor(() => expect(answered(server)).toBe(1));
    expect(statSync(path.join(repo.dir, 'page.html')).mode & 0o777).toBe(0o600);
  });

  it('a socket directory that cannot be made or is too long to name a socket: one line and exit 2, list runs by itself', () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const uid = process.getuid!();
    const file = path.join(runtime, 'a-file');
    writeFileSync(file, '');
    expect(serve(file)).toEqual({ code: 2, stdout: '', stderr: `impacted: cannot create the socket directory ${file}/impacted-${uid} (ENOTDIR). Set XDG_RUNTIME_DIR to a directory of your own.\n` });
    const missing = path.join(runtime, 'no', 'such');
    expect(serve(missing)).toEqual({ code: 2, stdout: '', stderr: `impacted: cannot create the socket directory ${missing}/impacted-${uid} (ENOENT). Set XDG_RUNTIME_DIR to a directory of your own.\n` });
    const long = path.join(runtime, 'x'.repeat(120));
    mkdirSync(long);
    const refused = serve(long);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^impacted: cannot serve: the socket path .* is \d+ bytes, more than the 103 a Unix socket allows\. Set XDG_RUNTIME_DIR to a shorter directory of your own\.\n$/);
    expect(list(repo, runtime, ['--base', 'main'], { XDG_RUNTIME_DIR: long })).toEqual(listHere(repo, runtime, ['--base', 'main']));
  });

  it('a socket directory other users may open is not used: serve refuses with exit 2, list runs by itself', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    const dir = path.join(runtime, `impacted-${process.getuid!()}`);
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o755);
    const refused = runCli(['serve'], { cwd: tmpdir(), env: { XDG_RUNTIME_DIR: runtime } });
    expect(refused).toEqual({ code: 2, stdout: '', stderr: `impacted: cannot serve: ${dir} may be opened by other users (mode 755). Remove it, or set XDG_RUNTIME_DIR to a directory of your own.\n` });
    expect(list(repo, runtime, ['--base', 'main'])).toEqual(listHere(repo, runtime, ['--base', 'main']));
  });

  it('a server that ends before its answer: nothing of its stdout is printed, and the CLI runs the list itself', async () => {
    const repo = branchRepo();
    const runtime = runtimeDir();
    // A stand-in at the real server's socket, which sends some stdout and some stderr and then hangs up.
    const { serverSocket } = (await import(path.join(projectRoot, 'dist/serve/server-socket.js'))) as typeof import('../../src/serve/server-socket.js');
    const { frame, frameTypes } = await import('../../src/serve/frames.js');
    const ownRuntime = process.env.XDG_RUNTIME_DIR;
    process.env.XDG_RUNTIME_DIR = runtime;
    const socket = serverSocket();
    if (ownRuntime === undefined) delete process.env.XDG_RUNTIME_DIR;
    else process.env.XDG_RUNTIME_DIR = ownRuntime;
    mkdirSync(socket.dir, { mode: 0o700 });
    const standIn = createServer((connection) => {
      connection.once('data', () => connection.end(Buffer.concat([frame(frameTypes.stderr, 'impacted: partial note\n'), frame(frameTypes.stdout, 'packages/partial.test.ts\n')])));
    });
    await new Promise<void>((resolve) => standIn.listen(socket.path, resolve));
    try {
      const result = await new Promise<CliResult>((resolve) => {
        const child = spawn(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), 'list', '--base', 'main'], {
          cwd: repo.dir,
          env: { ...process.env, XDG_RUNTIME_DIR: runtime, NO_COLOR: '1', CI: '' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
      const here = listHere(repo, runtime, ['--base', 'main']);
      expect(withoutTimes(result)).toEqual({
        code: 0,
        stdout: here.stdout,
        stderr: `impacted: partial note\nimpacted: the server (impacted serve) stopped before it answered; running here instead\n${here.stderr}`,
      });
    } finally {
      standIn.close();
    }
  });
});
