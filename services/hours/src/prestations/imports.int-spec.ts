import { INestApplication } from '@nestjs/common';
import { eventually } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LAST_YEAR, hoursFixture } from '../../test/http-fixture';

/** Last year of the services' calendar (STAPSTEEN_TODAY or the real day), so every date lies in the past. */
const YEAR = LAST_YEAR;

describe('importing prestations from CSV', () => {
  const hours = hoursFixture();
  const { organisation } = hours.ids;
  const { as } = hours;
  let app: INestApplication;
  let sofie: string;
  let youssef: string;

  const upload = (csv: string, who = 'organiser', org = organisation) =>
    request(app.getHttpServer())
      .post('/imports')
      .set(as(who))
      .field('organisationId', org)
      .attach('file', Buffer.from(csv), { filename: 'prestaties-oktober.csv', contentType: 'text/csv' });

  const finished = (id: string) =>
    eventually(
      () => request(app.getHttpServer()).get(`/imports/${id}`).set(as('organiser')),
      (r) => r.body.status !== 'RUNNING',
      { what: 'the import to finish' },
    ).then((r) => r.body);

  const hoursIn = async (participantId: string, monthIndex: number) =>
    (
      await request(app.getHttpServer())
        .get(`/participants/${participantId}/hours?year=${YEAR}`)
        .set(as('organiser'))
        .expect(200)
    ).body.months[monthIndex];

  beforeAll(async () => {
    app = await hours.start();
    const feed = () => hours.feed({ startedOn: `${YEAR}-02-01` });
    [sofie, youssef] = await Promise.all([feed(), feed()]);
  });

  afterAll(() => hours.close());

  it('stores the good rows, reports each bad row with its line and reason, and adds nothing on a second upload', async () => {
    const csv = [
      'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km',
      `${sofie};06/10/${YEAR};135;School;GBS De Klimop;Middagtoezicht;`,
      `${sofie};06/10/${YEAR};600;School;GBS De Klimop;Middagtoezicht;`,
      `${sofie};06/10/${YEAR};585;School;GBS De Klimop;Middagtoezicht;`,
      `${sofie};07/10/${YEAR};veel;School;GBS De Klimop;Middagtoezicht;`,
      `${youssef};08/10/${YEAR};240;vzw;Kringwinkel;Sorteren;24`,
      `${randomUUID()};08/10/${YEAR};60;vzw;Kringwinkel;Sorteren;`,
      `${youssef};15/01/${YEAR};60;vzw;Kringwinkel;Sorteren;`,
      `${youssef};09/10/${YEAR};720;Gemeente;Gemeente Nijlen;Zwerfvuil;`,
      `${youssef};10/10/${YEAR};720;Gemeente;Gemeente Nijlen;Zwerfvuil;`,
      `${youssef};11/10/${YEAR};720;Gemeente;Gemeente Nijlen;Zwerfvuil;`,
      `${youssef};12/10/${YEAR};720;Gemeente;Gemeente Nijlen;Zwerfvuil;`,
      `${youssef};13/10/${YEAR};720;Gemeente;Gemeente Nijlen;Zwerfvuil;`,
    ].join('\n');

    const started = await upload(csv).expect(202);
    const report = await finished(started.body.id);

    expect(report).toMatchObject({ status: 'DONE', total: 12, accepted: 7, rejected: 5, duplicates: 0 });
    expect(report.problems.map((p: { line: number; code: string }) => [p.line, p.code]).sort()).toEqual(
      [
        // 2 h 15 + 10 h would make 12 h 15 on 6 October; the 9 h 45 after it fits exactly.
        [3, 'HOURS.DAY_LIMIT_EXCEEDED'],
        [5, 'IMPORT.DURATION_INVALID'],
        [7, 'IMPORT.PARTICIPANT_UNKNOWN'],
        [8, 'HOURS.BEFORE_TRAJECTORY_START'],
        [13, 'HOURS.MONTHLY_CAP_EXCEEDED'],
      ].sort(),
    );
    expect(await hoursIn(sofie, 9)).toMatchObject({ countedHours: 3 + 10 });
    expect(await hoursIn(youssef, 9)).toMatchObject({ countedHours: 52, travelCents: 24 * 15 });

    const again = await finished((await upload(csv).expect(202)).body.id);
    expect(again).toMatchObject({ accepted: 0, duplicates: 7, rejected: 5 });
    expect(await hoursIn(youssef, 9)).toMatchObject({ countedHours: 52 });
  });

  it('refuses a file without the needed columns before importing anything', async () => {
    const response = await upload('naam;uren\nSofie;3').expect(400);
    expect(response.body).toMatchObject({ code: 'IMPORT.MISSING_COLUMNS', status: 400 });
  });

  it('refuses an import into another organisation', async () => {
    const response = await upload(
      `deelnemer,datum,minuten,type gebruiker,gebruiker,activiteit\n${sofie},01/10/${YEAR},60,school,GBS,Toezicht`,
      'stranger',
    );
    expect(response.status).toBe(403);
  });
});
