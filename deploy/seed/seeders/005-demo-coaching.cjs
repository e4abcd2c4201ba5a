'use strict';
// Coaching in each organisation: two group sessions last month with attendance, 1-on-1s for people
// whose hours stay low, and a peer pair (a participant who has been there long coaching a newcomer).
const { ORGANISATIONS, participantsPlan } = require('../demo-plan.cjs');
const { coachIdsOf, readIds } = require('../state.cjs');
const { coachingReady, catalogueCodes } = require('./004-demo-assessments.cjs');

const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

module.exports = {
  name: 'demo-coaching',
  async run(context) {
    const { urls, api, dataDir, scale } = context;
    const coaching = urls.coaching;
    const ids = readIds(dataDir);
    await coachingReady(context, ids);
    const codes = await catalogueCodes(context);
    const coachIdOf = await coachIdsOf(urls, api);
    const today = new Date().toISOString().slice(0, 10);
    const active = (p) => p.startedOn && !p.endedOn && !p.suspendedOn && ids[p.key];
    const people = participantsPlan(scale);
    for (const [o, organisationId] of ORGANISATIONS.entries()) {
      const mine = people.filter((p) => p.organisationId === organisationId && active(p));
      const competencies = codes[organisationId];
      const sessions = [
        { title: 'Op tijd komen en verwittigen', date: addDays(today, -20 - o), codes: competencies.slice(0, 2) },
        { title: 'Samenwerken in een ploeg', date: addDays(today, -9 - o), codes: competencies.slice(2, 4) },
      ];
      for (const [s, session] of sessions.entries()) {
        const group = mine.filter((p) => p.startedOn < session.date).slice(s * 4, s * 4 + 8);
        if (group.length === 0) continue;
        const planned = await api('POST', `${coaching}/group-sessions`, {
          organisationId,
          title: session.title,
          competencyCodes: session.codes.length ? session.codes : competencies.slice(0, 1),
          date: session.date,
          startTime: '09:30',
          endTime: '12:00',
          place: 'Dienstencentrum De Wending',
          trainer: 'Els Peeters',
          capacity: 12,
        });
        for (const p of group)
          await api('POST', `${coaching}/group-sessions/${planned.id}/enrolments`, { participantId: ids[p.key] });
        await api('PUT', `${coaching}/group-sessions/${planned.id}/attendance`, {
          attendedParticipantIds: group.filter((_, i) => i % 5 !== 4).map((p) => ids[p.key]),
        });
      }
      for (const p of mine.filter((x) => x.profile === 'LOW').slice(0, 3)) {
        const started = await api('POST', `${coaching}/one-on-ones`, {
          participantId: ids[p.key],
          coachId: coachIdOf(p.coachId),
          competencyCodes: competencies.slice(0, 2),
        });
        await api('POST', `${coaching}/one-on-ones/${started.id}/sessions`, {
          // A 1-on-1 starts when it is assigned, so its first session is held today, not before.
          heldOn: today,
          attended: true,
        });
      }
      const veterans = mine.filter((p) => p.startedOn < addDays(today, -180));
      const newcomers = mine.filter((p) => p.startedOn > addDays(today, -75));
      // A peer coach must be rated at or above target on the competency: try the veterans in turn.
      for (const veteran of newcomers.length ? veterans : []) {
        const pair = await context.request(
          'POST',
          `${coaching}/peer-pairs`,
          {
            peerCoachId: ids[veteran.key],
            coacheeId: ids[newcomers[0].key],
            competencyCodes: competencies.slice(0, 1),
          },
          { raw: true },
        );
        if (pair.status === 422 && pair.body && pair.body.code === 'COACHING.PEER_NOT_QUALIFIED') continue;
        if (pair.status >= 300)
          throw new Error(`POST ${coaching}/peer-pairs answered ${pair.status}: ${JSON.stringify(pair.body)}`);
        await api('POST', `${coaching}/peer-pairs/${pair.body.id}/sessions`, { heldOn: addDays(today, -3) });
        break;
      }
    }
  },
};
