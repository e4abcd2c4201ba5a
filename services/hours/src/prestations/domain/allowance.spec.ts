import { DEFAULT_ALLOWANCE_RATES, allowanceFor } from './allowance';
import type { Prestation } from './prestation';

const prestation = (minutes: number, kilometres: number | null, deleted = false): Prestation => ({
  id: `p-${minutes}-${kilometres}`,
  date: '2026-10-06',
  minutes,
  countedHours: Math.ceil(minutes / 60),
  gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
  activity: 'Gras maaien',
  kilometres,
  enteredBy: 'o',
  enteredAt: '2026-10-07T08:00:00Z',
  late: false,
  deleted,
  history: [],
});

describe('the monthly allowance', () => {
  it('pays EUR 4.10 per counted hour, one cheque each', () => {
    expect(allowanceFor([prestation(135, null)], DEFAULT_ALLOWANCE_RATES)).toMatchObject({
      countedHours: 3,
      cheques: 3,
      hoursCents: 1230,
    });
  });

  it('pays travel only for a return trip of more than 10 km', () => {
    const result = allowanceFor([prestation(60, 10), prestation(60, 24)], DEFAULT_ALLOWANCE_RATES);
    expect(result.travelCents).toBe(24 * 15);
    expect(result.totalCents).toBe(2 * 410 + 360);
  });

  it('leaves deleted prestations out', () => {
    expect(allowanceFor([prestation(60, 30, true)], DEFAULT_ALLOWANCE_RATES).totalCents).toBe(0);
  });
});
