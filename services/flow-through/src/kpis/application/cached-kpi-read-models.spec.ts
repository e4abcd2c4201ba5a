import { HoursMonthFigures, emptyOrganisationFigures } from '../domain/figures';
import { HOURS_BUCKETS } from '../domain/kpi-arithmetic';
import { CachedKpiReadModels } from './cached-kpi-read-models';
import { InMemoryKpiReadModels } from './in-memory-kpi-read-models';

class CountingReadModels extends InMemoryKpiReadModels {
  figureReads = 0;
  alertReads = 0;
  failNext = false;
  /** While set, a figures read has its answer but does not give it yet (a slow database). */
  gate: Promise<void> | null = null;

  override async figures(organisationId: string) {
    this.figureReads += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database busy');
    }
    const answer = await super.figures(organisationId);
    if (this.gate) await this.gate;
    return answer;
  }

  override async alerts(organisationId: string) {
    this.alertReads += 1;
    return super.alerts(organisationId);
  }
}

const closedMonth: HoursMonthFigures = {
  participantMonths: 2,
  countedHoursSum: 30,
  belowTarget: 1,
  buckets: { ...(Object.fromEntries(HOURS_BUCKETS.map((b) => [b, 0])) as HoursMonthFigures['buckets']), '10-19': 2 },
};

function setUp(ttlMs = 5000) {
  let now = 0;
  const inner = new CountingReadModels();
  inner.figureDocuments.set('org-neteland', emptyOrganisationFigures('org-neteland'));
  const cached = new CachedKpiReadModels(inner, ttlMs, () => now);
  return { inner, cached, advance: (ms: number) => (now += ms) };
}

describe('the KPI documents kept for the dashboard', () => {
  it('lets the panels of one dashboard share one read per organisation', async () => {
    const { inner, cached } = setUp();
    await Promise.all(Array.from({ length: 8 }, () => cached.figures('org-neteland')));
    await Promise.all(Array.from({ length: 8 }, () => cached.alerts('org-neteland')));
    expect(inner.figureReads).toBe(1);
    expect(inner.alertReads).toBe(1);
  });

  it('reads again once the documents are older than the time to live', async () => {
    const { inner, cached, advance } = setUp(5000);
    await cached.figures('org-neteland');
    advance(4999);
    await cached.figures('org-neteland');
    advance(1);
    await cached.figures('org-neteland');
    expect(inner.figureReads).toBe(2);
  });

  it('shows a change stored through it at once', async () => {
    const { cached } = setUp();
    const before = await cached.figures('org-neteland');
    await cached.updateFigures('org-neteland', (current) => ({ ...current, hours: { '2026-10': closedMonth } }));
    const after = await cached.figures('org-neteland');
    expect(before?.hours).toEqual({});
    expect(after?.hours).toEqual({ '2026-10': closedMonth });
  });

  it('hands out documents nobody can change, so one query cannot change what the next reads', async () => {
    const { cached } = setUp();
    const first = (await cached.figures('org-neteland'))!;
    expect(() => {
      first.hours['2026-10'] = closedMonth;
    }).toThrow(/object is not extensible|read.only/);
    expect(() => first.roster.participants!.push({ active: [], coached: [] })).toThrow(
      /object is not extensible|read.only/,
    );
    expect((await cached.figures('org-neteland'))?.hours).toEqual({});
    expect((await cached.figures('org-neteland'))?.roster.participants).toEqual([]);
  });

  it('does not keep a failed read, and reads every time with a time to live of 0', async () => {
    const { inner, cached } = setUp();
    inner.failNext = true;
    await expect(cached.figures('org-neteland')).rejects.toThrow('database busy');
    await expect(cached.figures('org-neteland')).resolves.not.toBeNull();
    const uncached = setUp(0);
    await uncached.cached.figures('org-neteland');
    await uncached.cached.figures('org-neteland');
    expect(uncached.inner.figureReads).toBe(2);
  });

  it('with a time to live of 0 keeps nothing, but readers side by side share the read in flight', async () => {
    const { inner, cached } = setUp(0);
    const panels = await Promise.all(Array.from({ length: 8 }, () => cached.figures('org-neteland')));
    await Promise.all(Array.from({ length: 8 }, () => cached.alerts('org-neteland')));
    expect(inner.figureReads).toBe(1);
    expect(inner.alertReads).toBe(1);
    // None can change what the others read; and once answered, the next reader reads again.
    expect(() => {
      panels[0]!.hours['2026-10'] = closedMonth;
    }).toThrow(/object is not extensible|read.only/);
    expect(panels[1]?.hours).toEqual({});
    await cached.figures('org-neteland');
    expect(inner.figureReads).toBe(2);
  });

  it('never hands a reader after a write the read that started before it', async () => {
    const { inner, cached } = setUp(0);
    let open = () => undefined as void;
    inner.gate = new Promise<void>((resolve) => (open = resolve));
    const before = cached.figures('org-neteland');
    await cached.updateFigures('org-neteland', (current) => ({ ...current, hours: { '2026-10': closedMonth } }));
    const after = cached.figures('org-neteland');
    open();
    expect((await before)?.hours).toEqual({});
    expect((await after)?.hours).toEqual({ '2026-10': closedMonth });
    expect(inner.figureReads).toBe(2);
  });
});
