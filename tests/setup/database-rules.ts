// Runs in every integration test file: a service that reads or writes a collection other than by
// one `_id` fails the test that made it do so, unless tests/setup/database-rules-allowed.ts names
// that collection and filter shape with the reason (docs/architecture.md, "The rules that follow").
// `DATABASE_RULES=record` writes the findings to DATABASE_RULES_FILE instead, to review them.
import { appendFileSync } from 'node:fs';
import { DatabaseRuleFinding, watchServiceConnections } from '@stapsteen/testing';
import { ALLOWED_QUERIES } from './database-rules-allowed';

const findings: DatabaseRuleFinding[] = [];
const recording = process.env.DATABASE_RULES === 'record';

watchServiceConnections(ALLOWED_QUERIES, (finding) => {
  if (recording) {
    appendFileSync(
      process.env.DATABASE_RULES_FILE ?? '/tmp/stapsteen-database-rules.jsonl',
      `${JSON.stringify({ ...finding, test: expect.getState().currentTestName ?? null, file: expect.getState().testPath })}\n`,
    );
  } else {
    findings.push(finding);
  }
});

afterEach(() => {
  const seen = findings.splice(0);
  if (seen.length === 0) return;
  const distinct = [...new Set(seen.map((f) => `${f.command} ${f.collection} ${f.shape}`))];
  throw new Error(
    `a service queried the database other than by _id (docs/architecture.md, the database rules):\n  ${distinct.join('\n  ')}\n` +
      'Read by _id, or add the collection and shape with its reason to tests/setup/database-rules-allowed.ts.',
  );
});
