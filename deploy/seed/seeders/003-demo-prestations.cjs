'use strict';
/* global FormData, Blob */
// A year of prestations (up to yesterday) for the demo participants, sent per organisation through the CSV import
// (one file each; the import skips rows it already holds), then the past months closed in order
// so the low-hours flags and allowances exist (in the first ten days of a month the month before
// stays open, as it would be). Resumable: the import skips rows it holds, a closed month answers 409.
const { ORGANISATIONS, participantsPlan, prestationsPlan, pastMonths } = require('../demo-plan.cjs');
const { readIds, until } = require('../state.cjs');

/** The hours service has projected the trajectory as planned (start, end, suspension). */
function projected(entry, person) {
  const t = entry && entry.trajectories && entry.trajectories[entry.trajectories.length - 1];
  if (!t || t.startedOn !== person.startedOn) return false;
  if (person.endedOn && t.endedOn !== person.endedOn) return false;
  if (person.suspendedOn && !(t.suspensions || []).length) return false;
  return true;
}

function csvFor(rows) {
  const lines = ['deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km'];
  for (const r of rows)
    lines.push([r.participantId, r.date, r.minutes, r.kind, r.gebruiker, r.activity, r.km].join(';'));
  return `${lines.join('\n')}\n`;
}

module.exports = {
  needs: ['demo-participants'],
  name: 'demo-prestations',
  async run({ urls, api, request, log, dataDir, scale }) {
    const hours = urls.hours;
    const ids = readIds(dataDir);
    const people = participantsPlan(scale).filter((p) => p.startedOn && ids[p.key]);

    await until(
      async () => {
        const roster = await api('GET', `${hours}/participants`);
        const byId = new Map(roster.map((entry) => [entry.participantId, entry]));
        return people.every((p) => projected(byId.get(ids[p.key]), p));
      },
      'the hours service to know every demo trajectory',
      90_000,
      500,
    );

    // The organisations side by side (each import is one job in the hours service).
    await Promise.all(
      ORGANISATIONS.map(async (organisationId) => {
        const rows = people
          .filter((p) => p.organisationId === organisationId)
          .flatMap((p) => prestationsPlan(p, scale).map((row) => ({ ...row, participantId: ids[p.key] })));
        if (rows.length === 0) return;
        const form = new FormData();
        form.append('organisationId', organisationId);
        form.append('file', new Blob([csvFor(rows)], { type: 'text/csv' }), `demo-${organisationId}.csv`);
        const job = await api('POST', `${hours}/imports`, form);
        let shown = 0;
        const finished = await until(
          async () => {
            const now = await api('GET', `${hours}/imports/${job.id}`);
            if (now.processed - shown >= 500) {
              shown = now.processed;
              log(`  ${organisationId}: ${now.processed}/${now.total} prestations`);
            }
            return now.status === 'RUNNING' ? null : now;
          },
          `the import of ${organisationId}`,
          180_000,
          500,
        );
        if (finished.status !== 'DONE' || finished.rejected > 0) {
          throw new Error(
            `the demo import of ${organisationId} ended ${finished.status} with ${finished.rejected} rows refused: ${JSON.stringify(finished.problems.slice(0, 5))}`,
          );
        }
        log(`  ${organisationId}: ${finished.accepted} prestations imported (${finished.duplicates} already there)`);
      }),
    );

    // The organisations side by side; within one, month after month (a flag needs the month before).
    log(`  closing ${pastMonths(scale).length} past months in each organisation (up to ${pastMonths(scale).at(-1)})`);
    await Promise.all(
      ORGANISATIONS.map(async (organisationId) => {
        for (const month of pastMonths(scale)) {
          const url = `${hours}/organisations/${organisationId}/months/${month}/close`;
          const answer = await request('POST', url, {}, { raw: true });
          // 409: closed before (by the automatic close or an earlier run).
          if (answer.status >= 300 && answer.status !== 409) {
            throw new Error(
              `closing ${organisationId} ${month} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
            );
          }
        }
      }),
    );
  },
};
