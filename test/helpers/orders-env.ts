// Test helper: copies fixtures/orders-monorepo into a directory and links node_modules the way npm workspaces would.
// The demo (plain JavaScript, run without a build step) owns the code; the tests use the same.
export { linkOrdersDependencies, ordersFixtureDir, prepareOrdersRepo } from '../../demo/orders-example.mjs';
