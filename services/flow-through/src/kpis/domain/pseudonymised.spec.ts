import { emptyOrganisationMonth, recordParticipantMonth } from './organisation-month';
import { pseudonymisedRows } from './pseudonymised';
import { emptyRoster, recordEnd, recordReferral, recordStart } from './roster';

const pseudonym = (key: string) => `ps-${key.length}-${[...key].reverse().join('')}`;

function monthWith(organisationId: string, month: string, participants: string[]) {
  return participants.reduce(
    (m, p, i) => recordParticipantMonth(m, p, { countedHours: 10 + i, targetHours: 20 }),
    emptyOrganisationMonth(organisationId, 'region-1', month),
  );
}

describe('pseudonymised export', () => {
  const five = ['p1', 'p2', 'p3', 'p4', 'p5'];

  it('publishes an organisation-month of five participants without their ids', () => {
    const { rows, suppressedGroups } = pseudonymisedRows([], [monthWith('org-1', '2026-03', five)], pseudonym);
    expect(rows).toHaveLength(5);
    expect(suppressedGroups).toBe(0);
    expect(JSON.stringify(rows)).not.toMatch(/"p\d"/);
    expect(rows.map((r) => r.pseudonym).sort()).toEqual(five.map(pseudonym).sort());
  });

  it('leaves out an organisation-month of four participants entirely', () => {
    const { rows, suppressedGroups } = pseudonymisedRows(
      [],
      [monthWith('org-1', '2026-03', five), monthWith('org-2', '2026-03', ['q1', 'q2', 'q3', 'q4'])],
      pseudonym,
    );
    expect(rows.every((r) => r.organisationId === 'org-1')).toBe(true);
    expect(suppressedGroups).toBe(1);
  });

  it('blanks a birth-year band shared by fewer than five in the group', () => {
    let roster = emptyRoster('org-1');
    for (const p of ['p1', 'p2', 'p3', 'p4', 'p5']) roster = recordReferral(roster, p, '2026-01-01', '1990-06-01');
    for (const p of ['p6']) roster = recordReferral(roster, p, '2026-01-01', '1961-06-01');
    const { rows } = pseudonymisedRows([roster], [monthWith('org-1', '2026-03', [...five, 'p6'])], pseudonym);
    const bands = rows.map((r) => r.birthYearBand);
    expect(bands.filter((b) => b === '1990-1994')).toHaveLength(5);
    expect(bands.filter((b) => b === null)).toHaveLength(1);
  });

  it('shows the destination in the month of the exit and ONGOING otherwise', () => {
    let roster = emptyRoster('org-1');
    roster = recordStart(roster, 'p1', 't1', '2026-01-05', false);
    roster = recordEnd(roster, 'p1', 't1', { endedOn: '2026-03-20', destination: 'ART_60', positiveOutflow: true });
    const { rows } = pseudonymisedRows(
      [roster],
      [monthWith('org-1', '2026-02', five), monthWith('org-1', '2026-03', five)],
      pseudonym,
    );
    const p1 = rows.filter((r) => r.pseudonym === pseudonym('p1'));
    expect(p1.map((r) => [r.month, r.outcome])).toEqual([
      ['2026-02', 'ONGOING'],
      ['2026-03', 'ART_60'],
    ]);
  });
});
