// Types of orders-example.mjs, for the TypeScript tests that reuse it (test/helpers/orders-env.ts).
export declare const ordersFixtureDir: string;
export declare function prepareOrdersRepo(targetDir: string): void;
export declare function linkOrdersDependencies(repoDir: string): void;
