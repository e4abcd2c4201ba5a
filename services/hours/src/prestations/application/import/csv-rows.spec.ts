import { readPrestationCsv } from './csv-rows';

const P = '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c';
const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));

describe('reading a prestation CSV', () => {
  it('reads Dutch headers, semicolons, Belgian dates and h:mm durations', () => {
    const { rows, problems } = readPrestationCsv(
      csv(
        'deelnemer;datum;duur;type gebruiker;gebruiker;activiteit;km',
        `${P};6/10/2026;2:15;School;GBS De Klimop;Middagtoezicht;14,5`,
      ),
      'org-1',
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      line: 2,
      participantId: P,
      facts: {
        date: '2026-10-06',
        minutes: 135,
        gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
        activity: 'Middagtoezicht',
        kilometres: 14.5,
      },
    });
  });

  it('takes the duration column as the help describes it: 2:15, 2u15 or minutes, never 1:75', () => {
    const { rows, problems } = readPrestationCsv(
      csv(
        'deelnemer;datum;duur;type gebruiker;gebruiker;activiteit',
        `${P};6/10/2026;90;School;GBS De Klimop;Middagtoezicht`,
        `${P};7/10/2026;2u15;School;GBS De Klimop;Middagtoezicht`,
        `${P};8/10/2026;1:75;School;GBS De Klimop;Middagtoezicht`,
      ),
      'org-1',
    );
    expect(rows.map((r) => [r.line, r.facts.minutes])).toEqual([
      [2, 90],
      [3, 135],
    ]);
    expect(problems).toEqual([expect.objectContaining({ line: 4, code: 'IMPORT.DURATION_INVALID' })]);
  });

  it('reports each bad row with its line and keeps the good ones', () => {
    const { rows, problems } = readPrestationCsv(
      csv(
        'participantId,date,minutes,gebruikerKind,gebruiker,activity',
        `${P},2026-10-06,60,SCHOOL,GBS,Toezicht`,
        `${P},2026-02-30,60,SCHOOL,GBS,Toezicht`,
        `${P},2026-10-07,veel,SCHOOL,GBS,Toezicht`,
        `${P},2026-10-08,60,BANK,KBC,Toezicht`,
        `niet-iemand,2026-10-08,60,SCHOOL,GBS,Toezicht`,
        `${P},2026-10-09,45,vzw,Kringwinkel,Sorteren`,
      ),
      'org-1',
    );
    expect(rows.map((r) => r.line)).toEqual([2, 7]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'IMPORT.DATE_INVALID'],
      [4, 'IMPORT.DURATION_INVALID'],
      [5, 'IMPORT.GEBRUIKER_KIND_INVALID'],
      [6, 'IMPORT.PARTICIPANT_INVALID'],
    ]);
  });

  it('holds a row’s date to the API’s rule: a day that exists, in the years 1900-2999', () => {
    const dates = ['1899-12-31', '06/10/1850', '1000-01-01', '3000-01-01', '29/02/2027', '2026-00-10', '0000-01-01'];
    const good = ['1900-01-01', '29/02/2028', '2999-12-31', '6-10-2026'];
    const { rows, problems } = readPrestationCsv(
      csv(
        'participantId,date,minutes,gebruikerKind,gebruiker,activity',
        ...[...dates, ...good].map((date) => `${P},${date},60,SCHOOL,GBS,Toezicht`),
      ),
      'org-1',
    );
    expect(problems.map((p) => [p.line, p.code])).toEqual(dates.map((_, i) => [i + 2, 'IMPORT.DATE_INVALID']));
    expect(rows.map((r) => r.facts.date)).toEqual(['1900-01-01', '2028-02-29', '2999-12-31', '2026-10-06']);
  });

  it('gives the same rows the same ids on a second upload, and identical rows in one file different ids', () => {
    const file = csv(
      'participantId,date,minutes,gebruikerKind,gebruiker,activity',
      `${P},2026-10-06,60,SCHOOL,GBS,Toezicht`,
      `${P},2026-10-06,60,SCHOOL,GBS,Toezicht`,
    );
    const first = readPrestationCsv(file, 'org-1').rows.map((r) => r.prestationId);
    const second = readPrestationCsv(file, 'org-1').rows.map((r) => r.prestationId);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('says which columns are missing', () => {
    const { problems } = readPrestationCsv(csv('deelnemer,datum', `${P},2026-10-06`), 'org-1');
    expect(problems[0]).toMatchObject({
      code: 'IMPORT.MISSING_COLUMNS',
      reason: expect.stringContaining('gebruikerKind'),
    });
  });

  it.each([
    [
      'a NUL byte in one cell',
      Buffer.from(
        `deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit\n${P};2026-10-06;30;SCHOOL;GBS\u0000;Toezicht\n`,
      ),
    ],
    [
      'UTF-16 text',
      Buffer.from(
        `deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit\n${P};2026-10-06;30;SCHOOL;GBS;Toezicht\n`,
        'utf16le',
      ),
    ],
  ])('refuses a file with NUL characters (%s) as a whole, storing no row', (_what, file) => {
    const { rows, problems } = readPrestationCsv(file, 'org-1');
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, code: 'IMPORT.MALFORMED_CSV' })]);
  });

  it('refuses a file that is not CSV at all', () => {
    const { problems } = readPrestationCsv(csv('participantId,date', '"unterminated,2026'), 'org-1');
    expect(problems[0].code).toBe('IMPORT.MALFORMED_CSV');
  });
});
