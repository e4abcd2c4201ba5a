'use strict';
// Coaching in each organisation: two group sessions last month with attendance, 1-on-1s for people
// whose hours stay low, and a peer pair (a participant who has been there long coaching a newcomer).
// Every date comes from the seed's today; an assignment starts when it is made (today), so its
// sessions are held today. Resumable: what is there already (a group session of that title and
// date, an enrolment, a participant's one-on-one, the organisation's peer pair) is used, not made again.
const { ORGANISATIONS, participantsPlan, scaleFrom } = require('../demo-plan.cjs');
const { coachIdsOf, readIds, valuesOf, inParallel } = require('../state.cjs');
const { coachingReady, catalogueCodes } = require('./004-demo-assessments.cjs');

const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

module.exports = {
  needs: ['demo-assessments', 'demo-users'],
  name: 'demo-coaching',
  async run(context) {
    const { urls, api, dataDir, scale } = context;
    const coaching = urls.coaching;
    const ids = readIds(dataDir);
    await coachingReady(context, ids);
    const codes = await catalogueCodes(context);
    const coachIdOf = await coachIdsOf(urls, api);
    const { today } = scaleFrom(scale);
    const active = (p) => p.startedOn && !p.endedOn && !p.suspendedOn && ids[p.key];
    const people = participantsPlan(scale);
    // The organisations side by side.
    await Promise.all(
      ORGANISATIONS.map(async (organisationId, o) => {
        const mine = people.filter((p) => p.organisationId === organisationId && active(p));
        const competencies = codes[organisationId];
        const sessions = [
          { title: 'Op tijd komen en verwittigen', date: addDays(today, -20 - o), codes: competencies.slice(0, 2) },
          { title: 'Samenwerken in een ploeg', date: addDays(today, -9 - o), codes: competencies.slice(2, 4) },
        ];
        const groupsBefore = await api('GET', `${coaching}/group-sessions?organisationId=${organisationId}`);
        const listed = Array.isArray(groupsBefore) ? groupsBefore : groupsBefore.items || [];
        for (const [s, session] of sessions.entries()) {
          const group = mine.filter((p) => p.startedOn < session.date).slice(s * 4, s * 4 + 8);
          if (group.length === 0) continue;
          const planned =
            listed.find((g) => g.title === session.title && g.date === session.date) ||
            (await api('POST', `${coaching}/group-sessions`, {
              organisationId,
              title: session.title,
              competencyCodes: session.codes.length ? session.codes : competencies.slice(0, 1),
              date: session.date,
              startTime: '09:30',
              endTime: '12:00',
              place: 'Dienstencentrum De Wending',
              trainer: 'Els Peeters',
              capacity: 12,
            }));
          await inParallel(group, 4, async (p) => {
            const enrolled = await context.request(
              'POST',
              `${coaching}/group-sessions/${planned.id}/enrolments`,
              { participantId: ids[p.key] },
              { raw: true },
            );
            if (enrolled.status >= 300 && !(enrolled.body && enrolled.body.code === 'COACHING.ALREADY_ENROLLED'))
              throw new Error(
                `enrolling in ${session.title} answered ${enrolled.status}: ${JSON.stringify(enrolled.body)}`,
              );
          });
          await api('PUT', `${coaching}/group-sessions/${planned.id}/attendance`, {
            attendedParticipantIds: group.filter((_, i) => i % 5 !== 4).map((p) => ids[p.key]),
          });
        }
        for (const p of mine.filter((x) => x.profile === 'LOW').slice(0, 3)) {
          const before = await api('GET', `${coaching}/one-on-ones?participantId=${ids[p.key]}`);
          const started =
            (Array.isArray(before) ? before : before.items || [])[0] ||
            (await api('POST', `${coaching}/one-on-ones`, {
              participantId: ids[p.key],
              coachId: coachIdOf(p.coachId),
              competencyCodes: competencies.slice(0, 2),
            }));
          if (valuesOf(started, 'heldOn').length > 0) continue;
          await api('POST', `${coaching}/one-on-ones/${started.id}/sessions`, {
            // A 1-on-1 starts when it is assigned, so its first session is held today, not before.
            heldOn: started.startedOn || today,
            attended: true,
          });
        }
        const veterans = mine.filter((p) => p.startedOn < addDays(today, -180));
        const newcomers = mine.filter((p) => p.startedOn > addDays(today, -75));
        const pairsBefore = await api('GET', `${coaching}/organisations/${organisationId}/peer-pairs`);
        const pairBefore = (Array.isArray(pairsBefore) ? pairsBefore : pairsBefore.items || [])[0];
        if (pairBefore) {
          if (valuesOf(pairBefore, 'heldOn').length === 0)
            await api('POST', `${coaching}/peer-pairs/${pairBefore.id}/sessions`, {
              heldOn: pairBefore.startedOn || today,
            });
          return;
        }
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
          // The pair starts today, so its first session is held today (not before: HELD_BEFORE_START).
          await api('POST', `${coaching}/peer-pairs/${pair.body.id}/sessions`, {
            heldOn: pair.body.startedOn || today,
          });
          break;
        }
      }),
    );
  },
};
