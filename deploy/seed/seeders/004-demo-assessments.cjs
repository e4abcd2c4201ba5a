'use strict';
// Competency assessments: a baseline by the coach a week after the start for everyone who started,
// and a second one about three months in for those who have been there that long (mostly better).
// Resumable: an assessment already stored on that day for that participant is not sent again.
const { ORGANISATIONS, participantsPlan, prng, scaleFrom } = require('../demo-plan.cjs');
const { readIds, inParallel, until, valuesOf } = require('../state.cjs');

const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Every `code` in the catalogue answer, whatever its nesting. */
function codesIn(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => codesIn(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.code === 'string' && !found.includes(value.code)) found.push(value.code);
    Object.values(value).forEach((v) => codesIn(v, found));
  }
  return found;
}

async function coachingReady({ api, urls }, ids) {
  const wanted = new Set(Object.values(ids));
  await until(
    async () => {
      const roster = await api('GET', `${urls.coaching}/participants`);
      const known = new Set(roster.map((entry) => entry.participantId || entry.id));
      return [...wanted].every((id) => known.has(id));
    },
    'the coaching service to know every demo participant',
    90_000,
    500,
  );
}

async function catalogueCodes({ api, urls }) {
  const codes = {};
  for (const organisationId of ORGANISATIONS) {
    codes[organisationId] = codesIn(await api('GET', `${urls.coaching}/organisations/${organisationId}/catalogue`));
    if (codes[organisationId].length === 0) throw new Error(`the competency catalogue of ${organisationId} is empty`);
  }
  return codes;
}

module.exports = {
  needs: ['demo-participants'],
  name: 'demo-assessments',
  coachingReady,
  catalogueCodes,
  async run(context) {
    const { urls, api, dataDir, scale, resuming } = context;
    const ids = readIds(dataDir);
    await coachingReady(context, ids);
    const codes = await catalogueCodes(context);
    const yesterday = addDays(scaleFrom(scale).today, -1);
    const people = participantsPlan(scale).filter((p) => p.startedOn && ids[p.key]);
    await inParallel(people, 10, async (p) => {
      const rnd = prng(ids[p.key].charCodeAt(0) * 7919 + p.key.length + Number(p.key.slice(-3)));
      const competencies = codes[p.organisationId].slice(0, 6);
      const baseline = competencies.map((code) => ({ competencyCode: code, level: rnd.int(1, 3) }));
      const first = addDays(p.startedOn, 7) < yesterday ? addDays(p.startedOn, 7) : p.startedOn;
      const history = resuming ? await api('GET', `${urls.coaching}/participants/${ids[p.key]}/assessments`) : [];
      const held = new Set(valuesOf(history, 'assessedOn'));
      const post = async (assessedOn, ratings) =>
        held.has(assessedOn) ||
        api('POST', `${urls.coaching}/participants/${ids[p.key]}/assessments`, {
          assessorKind: 'COACH',
          assessedOn,
          ratings,
        });
      await post(first, baseline);
      const later = addDays(p.startedOn, 95);
      const lastDay = [p.endedOn, p.suspendedOn, yesterday].filter(Boolean).sort()[0];
      if (later <= lastDay) {
        await post(
          later,
          baseline.map((r) => ({ ...r, level: Math.min(4, r.level + (rnd.chance(0.6) ? 1 : 0)) })),
        );
      }
    });
  },
};
