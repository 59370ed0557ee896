// scripts/comment-selected-tests.ts — a pull-request bot: comments which tests the PR selects and why.
// In a pull_request workflow: env GITHUB_TOKEN, PR_NUMBER (github.event.pull_request.number); permissions: pull-requests: write.
import { affectedTests } from 'impacted';

const { GITHUB_TOKEN, GITHUB_REPOSITORY, PR_NUMBER, GITHUB_API_URL = 'https://api.github.com' } = process.env;
if (!GITHUB_TOKEN || !GITHUB_REPOSITORY || !PR_NUMBER) throw new Error('set GITHUB_TOKEN, GITHUB_REPOSITORY and PR_NUMBER');

// The base comes from GITHUB_BASE_REF, which GitHub sets for pull_request events.
const selection = await affectedTests({ cwd: process.cwd() });
const shown = selection.tests.slice(0, 50);
const rows = shown.map((test) => {
  const why = test.reasons.map((reason) => reason.rule ?? [reason.changed, ...reason.via].map((file) => `\`${file}\``).join(' → '));
  return `| \`${test.path}\` | ${why.join('<br>')} |`;
});
const body = [
  `**impacted** selects ${selection.tests.length} of ${selection.stats.tests} tests: ${selection.reason}`,
  ...(rows.length > 0 ? ['', '| test | why |', '| --- | --- |', ...rows] : []),
  ...(selection.tests.length > shown.length ? ['', `… and ${selection.tests.length - shown.length} more.`] : []),
].join('\n');

const response = await fetch(`${GITHUB_API_URL}/repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments`, {
  method: 'POST',
  headers: { authorization: `Bearer ${GITHUB_TOKEN}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' },
  body: JSON.stringify({ body }),
});
if (!response.ok) throw new Error(`GitHub answered ${response.status}: ${await response.text()}`);
console.log(`commented on #${PR_NUMBER}: ${selection.tests.length} tests`);
