// Word lists that give generated modules plausible, varied names (invoice, formatRecurringInvoice, ...).

export const subjects = [
  'invoice', 'account', 'order', 'session', 'user', 'payment', 'cart', 'report', 'token', 'ledger',
  'shipment', 'catalog', 'tenant', 'audit', 'metric', 'webhook', 'quota', 'price', 'coupon', 'review',
  'schedule', 'message', 'profile', 'upload', 'refund', 'customer', 'product', 'warehouse', 'contract',
  'team', 'project', 'ticket', 'comment', 'permission', 'role', 'channel', 'feed', 'article', 'asset',
  'budget', 'forecast', 'campaign', 'segment', 'event', 'job', 'batch', 'queue', 'route', 'region',
];

export const qualifiers = [
  'draft', 'recurring', 'archived', 'pending', 'shared', 'external', 'internal', 'cached', 'remote',
  'local', 'primary', 'legacy', 'scheduled', 'partial', 'signed', 'public', 'private', 'bulk', 'daily',
];

/** Verbs of pure helpers (util modules). */
export const utilVerbs = [
  'format', 'parse', 'normalize', 'validate', 'compare', 'merge', 'slugify', 'hash', 'clamp', 'group',
  'serialize', 'sanitize', 'summarize', 'index', 'diff', 'encode', 'decode', 'sort', 'dedupe', 'score',
];

/** Verbs of feature handlers; distinct from utilVerbs so identifiers never collide across kinds. */
export const featureVerbs = [
  'create', 'approve', 'cancel', 'archive', 'publish', 'import', 'export', 'sync', 'assign', 'close',
  'reopen', 'schedule', 'notify', 'transfer', 'reconcile', 'escalate', 'resolve', 'migrate', 'retry',
];

export const featureAreas = [
  'billing', 'accounts', 'search', 'checkout', 'onboarding', 'reporting', 'inventory', 'messaging',
  'analytics', 'admin', 'auth', 'shipping',
];

export const featureLayers = ['domain', 'handlers', 'adapters', 'policies'];

export const fieldNames = [
  'id', 'name', 'createdAt', 'updatedAt', 'status', 'amount', 'currency', 'ownerId', 'tags', 'notes',
  'version', 'priority', 'expiresAt', 'region', 'source', 'count', 'label', 'enabled', 'weight', 'email',
];

export const fieldTypes = [
  'string', 'number', 'boolean', 'Date', 'string[]', 'readonly number[]', 'Record<string, string>',
  "'active' | 'inactive'", 'number | null',
];

/** @param {string} word */
export function pascal(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** @param {string} identifier camelCase or PascalCase */
export function kebab(identifier) {
  return identifier.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
