'use strict';
// About 150 participants over the three organisations with trajectories started over the last
// 13 months: most active, some ended (about two thirds to work, training or social economy), a few
// suspended and a few referrals that stopped before the start. Resumable: a participant already
// enrolled (found by organisation, name and date of birth) is not enrolled again, and only the
// trajectory steps it still lacks are sent.
const { participantsPlan } = require('../demo-plan.cjs');
const { coachIdsOf, readIds, writeIds, inParallel } = require('../state.cjs');

const naturalKey = (p) => [p.organisationId, p.firstName, p.lastName, p.dateOfBirth].join('|');

/** The participants the flow-through service already holds in the plan's organisations, by natural key. */
async function enrolledAlready(ft, api, organisationIds) {
  const found = new Map();
  for (const organisationId of organisationIds) {
    for (let offset = 0; ; offset += 200) {
      const page = await api('GET', `${ft}/participants?organisationId=${organisationId}&limit=200&offset=${offset}`);
      for (const view of page.items) found.set(naturalKey(view), view);
      if (page.items.length < 200) break;
    }
  }
  return found;
}

module.exports = {
  name: 'demo-participants',
  async run({ urls, api, request, log, dataDir, scale }) {
    const ft = urls['flow-through'];
    const ids = readIds(dataDir);
    const plan = participantsPlan(scale);
    const existing = await enrolledAlready(ft, api, [...new Set(plan.map((p) => p.organisationId))]);
    if (existing.size > 0) log(`  ${existing.size} participants were enrolled before; completing the rest`);
    const coachIdOf = await coachIdsOf(urls, api);
    let dropOffMissing = false;
    let done = 0;
    await inParallel(plan, 10, async (p) => {
      let view = existing.get(naturalKey(p));
      if (!view) {
        view = await api('POST', `${ft}/participants`, {
          organisationId: p.organisationId,
          firstName: p.firstName,
          lastName: p.lastName,
          dateOfBirth: p.dateOfBirth,
          referralSource: p.referralSource,
          ...(p.referralSource === 'OCMW' ? { referrerName: 'OCMW maatschappelijk werker' } : {}),
          coachId: coachIdOf(p.coachId),
          exPwa: p.exPwa,
          ...(p.monthlyHoursTarget ? { monthlyHoursTarget: p.monthlyHoursTarget } : {}),
          enrolledOn: p.enrolledOn,
        });
      }
      if (ids[p.key] !== view.id) {
        ids[p.key] = view.id;
        writeIds(dataDir, ids);
      }
      const t = (view.trajectories && view.trajectories[view.trajectories.length - 1]) || {};
      const step = (name, body) => api('POST', `${ft}/participants/${view.id}/trajectory/${name}`, body);
      if (p.kind === 'DROPPED') {
        if (!t.dropOff) {
          const answer = await request(
            'POST',
            `${ft}/participants/${view.id}/trajectory/drop-off`,
            { droppedOn: p.enrolledOn, reasonCode: p.dropReason },
            { raw: true },
          );
          if (answer.status === 404) dropOffMissing = true;
          else if (answer.status >= 300)
            throw new Error(`drop-off answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        }
      } else {
        if (!t.intakeOn) await step('intake', { on: p.intakeOn });
        if (!t.startedOn) await step('start', { on: p.startedOn });
        if (p.kind === 'ENDED' && !t.endedOn) await step('end', { on: p.endedOn, destination: p.destination });
        if (p.kind === 'SUSPENDED' && !(t.suspensions || []).length)
          await step('suspend', { on: p.suspendedOn, reasonCode: 'ILLNESS' });
      }
      done += 1;
      if (done % 25 === 0) log(`  ${done}/${plan.length} participants`);
    });
    writeIds(dataDir, ids);
    if (dropOffMissing) log('  (the drop-off endpoint is not there: those referrals stay REFERRED)');
  },
};
