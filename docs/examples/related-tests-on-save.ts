// related-tests-on-save.ts — a Vite plugin: while `vite` serves, each save runs the tests that can reach the
// saved file, with each package's own runner. Add it with `plugins: [relatedTestsOnSave()]` in vite.config.ts.
import path from 'node:path';
import { buildGraph, findTests, resolveConfig, runTests, selectTests, withSetupEdges, type ChangeSet } from 'impacted';

/** The part of Vite's dev server the plugin uses. */
interface DevServer {
  watcher: { on: (event: 'change', listener: (file: string) => void) => unknown };
}

export function relatedTestsOnSave(root = process.cwd()) {
  let queue = Promise.resolve();
  const onSave = async (absolute: string): Promise<void> => {
    const file = path.relative(root, absolute).split(path.sep).join('/');
    const config = await resolveConfig(root);
    // The graph cache keeps this fast: only files whose content changed are read again.
    const built = await buildGraph({ cwd: root, implicitDependencies: config.implicitDependencies });
    const discovery = findTests(root, built.files, { tests: config.tests, unreadTestScripts: config.unreadTestScripts });
    // Each test depends on its projects' setup files.
    const graph = withSetupEdges(built, discovery);
    const changes: ChangeSet = { mode: 'affected', baseRef: 'save', base: '', head: 'worktree', changed: [{ path: file, status: 'modified' }], lockfiles: [] };
    const selection = selectTests({ graph, changes, config, discovery });
    if (selection.tests.length === 0) return;
    console.log(`\n${file}: ${selection.reason}`);
    await runTests({ root, mode: 'affected', tests: selection.tests.map((test) => test.path), packages: graph.packages, runner: config.runner, unreadScripts: discovery.unreadScripts, stdio: 'inherit' });
  };
  return {
    name: 'impacted-related-tests-on-save',
    apply: 'serve' as const,
    configureServer(server: DevServer) {
      server.watcher.on('change', (file) => {
        // One run at a time, in save order.
        queue = queue.then(() => onSave(file)).catch((error: unknown) => console.error(error));
      });
    },
  };
}
