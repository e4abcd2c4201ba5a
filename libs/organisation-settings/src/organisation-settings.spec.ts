import { InMemoryOrganisationSettingsStore } from '../test/in-memory-organisation-settings-store';
import { OrganisationSettings } from './organisation-settings';

/** A made-up kind of settings: two windows in days, each from 1 to 90. */
interface Windows {
  shortDays: number;
  longDays: number;
}
const FIELDS = ['shortDays', 'longDays'] as const;
const defaults: Windows = { shortDays: 14, longDays: 60 };
const own: Windows = { shortDays: 7, longDays: 30 };

function checkWindows(values: Windows): Windows {
  const outOfRange = FIELDS.filter((name) => !Number.isInteger(values[name]) || values[name] < 1 || values[name] > 90);
  if (outOfRange.length > 0) throw new Error(`out of range: ${outOfRange.join(', ')}`);
  return values;
}

function setUp() {
  const store = new InMemoryOrganisationSettingsStore<Windows>();
  let now = new Date('2026-12-01T09:00:00.000Z');
  const settings = new OrganisationSettings<Windows>({
    store,
    fields: FIELDS,
    check: checkWindows,
    defaults,
    cacheMs: 60_000,
    clock: { now: () => now },
  });
  const changed: string[] = [];
  settings.onChanged((id) => changed.push(id));
  return { store, settings, changed, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('an organisation’s own settings', () => {
  it('shows and uses the defaults while the organisation saved none', async () => {
    const { settings } = setUp();
    expect(await settings.view('org-neteland')).toEqual({
      organisationId: 'org-neteland',
      ...defaults,
      defaults,
      editedBy: null,
      editedAt: null,
    });
    expect(await settings.effective('org-neteland')).toEqual(defaults);
  });

  it('stores checked values with who saved them when, shows them and answers with them', async () => {
    const { settings, store } = setUp();
    const answer = await settings.save('org-neteland', own, 'organiser-1');
    const view = {
      organisationId: 'org-neteland',
      ...own,
      defaults,
      editedBy: 'organiser-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    };
    expect(answer).toEqual(view);
    expect(store.documents.get('org-neteland')).toEqual({
      ...own,
      editedBy: 'organiser-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(await settings.view('org-neteland')).toEqual(view);
    expect(store.documents.has('org-herentals')).toBe(false);
  });

  it('stores, shows and uses only the named values', async () => {
    const { settings, store } = setUp();
    await settings.save('org-neteland', { ...own, extra: 'not a setting' } as Windows, 'organiser-1');
    expect(Object.keys(store.documents.get('org-neteland') ?? {})).toEqual([
      'shortDays',
      'longDays',
      'editedBy',
      'editedAt',
    ]);
    expect(await settings.effective('org-neteland')).toEqual(own);
  });

  it('stores nothing, keeps the values in use and tells nobody when the check refuses', async () => {
    const { settings, store, changed } = setUp();
    await expect(settings.save('org-neteland', { ...own, longDays: 91 }, 'organiser-1')).rejects.toThrow('longDays');
    expect(store.documents.size).toBe(0);
    expect(await settings.effective('org-neteland')).toEqual(defaults);
    expect(changed).toEqual([]);
  });

  it('tells every listener once, after the values are stored and in use, with the organisation', async () => {
    const { settings, store, changed } = setUp();
    const seen: { id: string; stored: boolean; inUse: Promise<Windows> }[] = [];
    settings.onChanged((id) => seen.push({ id, stored: store.documents.has(id), inUse: settings.effective(id) }));
    await settings.save('org-neteland', own, 'organiser-1');
    expect(changed).toEqual(['org-neteland']);
    expect(seen.map(({ id, stored }) => ({ id, stored }))).toEqual([{ id: 'org-neteland', stored: true }]);
    expect(await seen[0]?.inUse).toEqual(own);
  });

  it('tells nobody when the store fails', async () => {
    const { settings, store, changed } = setUp();
    store.save = () => Promise.reject(new Error('database is locked'));
    await expect(settings.save('org-neteland', own, 'organiser-1')).rejects.toThrow('database is locked');
    expect(changed).toEqual([]);
    expect(await settings.effective('org-neteland')).toEqual(defaults);
  });

  it('looks an organisation up once for many participants, also when it has no document', async () => {
    const { settings, store } = setUp();
    const answers = await Promise.all(Array.from({ length: 50 }, () => settings.effective('org-neteland')));
    expect(answers.every((answer) => answer.longDays === 60)).toBe(true);
    expect(store.loads).toBe(1);
    await settings.effective('org-herentals');
    expect(store.loads).toBe(2);
  });

  it('uses a save made here at once, without looking it up again', async () => {
    const { settings, store } = setUp();
    expect(await settings.effective('org-neteland')).toEqual(defaults);
    await settings.save('org-neteland', own, 'organiser-1');
    const loads = store.loads;
    expect(await settings.effective('org-neteland')).toEqual(own);
    expect(store.loads).toBe(loads);
  });

  it('follows a save made elsewhere once the remembered answer expires', async () => {
    const { settings, store, advance } = setUp();
    await settings.effective('org-neteland');
    store.documents.set('org-neteland', { ...own, editedBy: 'elsewhere', editedAt: 'x' });
    expect(await settings.effective('org-neteland')).toEqual(defaults);
    advance(59_000);
    expect(await settings.effective('org-neteland')).toEqual(defaults);
    advance(1_001);
    expect(await settings.effective('org-neteland')).toEqual(own);
  });

  it('asks again after a failed lookup instead of remembering the failure', async () => {
    const { settings, store } = setUp();
    const load = store.load.bind(store);
    store.load = () => Promise.reject(new Error('database is locked'));
    await expect(settings.effective('org-neteland')).rejects.toThrow('database is locked');
    store.load = load;
    expect(await settings.effective('org-neteland')).toEqual(defaults);
  });

  it('hands out the defaults as a copy', async () => {
    const { settings } = setUp();
    (await settings.effective('org-neteland')).longDays = 1;
    settings.defaults.shortDays = 1;
    expect(await settings.view('org-neteland')).toMatchObject({ ...defaults, defaults });
  });
});
