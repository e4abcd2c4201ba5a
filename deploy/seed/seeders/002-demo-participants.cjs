'use strict';
// About 150 participants over the three organisations with trajectories started over the last
// 13 months: most active, some ended (about two thirds to work, training or social economy), a few
// suspended and a few referrals that stopped before the start.
const { participantsPlan } = require('../demo-plan.cjs');
const { coachIdsOf, readIds, writeIds, inParallel } = require('../state.cjs');

module.exports = {
  name: 'demo-participants',
  async run({ urls, api, request, log, dataDir, scale }) {
    const ft = urls['flow-through'];
    const ids = readIds(dataDir);
    const people = participantsPlan(scale).filter((p) => !ids[p.key]);
    const coachIdOf = await coachIdsOf(urls, api);
    let dropOffMissing = false;
    let done = 0;
    await inParallel(people, 6, async (p) => {
      const enrolled = await api('POST', `${ft}/participants`, {
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
      const step = (name, body) => api('POST', `${ft}/participants/${enrolled.id}/trajectory/${name}`, body);
      if (p.kind === 'DROPPED') {
        const answer = await request(
          'POST',
          `${ft}/participants/${enrolled.id}/trajectory/drop-off`,
          { droppedOn: p.enrolledOn, reasonCode: p.dropReason },
          { raw: true },
        );
        if (answer.status === 404) dropOffMissing = true;
        else if (answer.status >= 300)
          throw new Error(`drop-off answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      } else {
        await step('intake', { on: p.intakeOn });
        await step('start', { on: p.startedOn });
        if (p.kind === 'ENDED') await step('end', { on: p.endedOn, destination: p.destination });
        if (p.kind === 'SUSPENDED') await step('suspend', { on: p.suspendedOn, reasonCode: 'ILLNESS' });
      }
      ids[p.key] = enrolled.id;
      done += 1;
      if (done % 25 === 0) {
        writeIds(dataDir, ids);
        log(`  ${done}/${people.length} participants`);
      }
    });
    writeIds(dataDir, ids);
    if (dropOffMissing) log('  (the drop-off endpoint is not there: those referrals stay REFERRED)');
  },
};
