import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api';
import type { Me } from '../App';
import { useRegionName, useRegions } from '../lib/regions';
import { ProblemMessage } from '../ProblemMessage';
import { AdminRegions } from './AdminRegions';

const ROLES: Me['role'][] = ['ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN'];
const KINDS = [
  'WIJK_WERK',
  'VDAB',
  'OCMW',
  'JOBATELIER',
  'SOCIAL_WORKSHOP',
  'CAW',
  'TRAINING_PROVIDER',
  'OTHER_PARTNER',
] as const;

export interface Organisation {
  id: string;
  name: string;
  kind: (typeof KINDS)[number];
  regionId: string;
}

type User = Me & { active: boolean; passwordSet?: boolean };

/** A one-time link to set a password, as the gateway answers it (the token only in `path`). */
export interface PasswordLink {
  kind: 'INVITATION' | 'RESET';
  path: string;
  expiresAt: string;
}

/**
 * The link shown once to the admin, to hand over (there is no mail server): the full address to
 * copy, and until when it works.
 */
function IssuedLink({ link, name }: { link: PasswordLink; name: string }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const url = `${window.location.origin}${link.path}`;
  const until = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-BE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(link.expiresAt));
  const titleId = `link-title-${link.kind}`;
  return (
    <section className="card issued-link" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {link.kind === 'INVITATION' ? t('users.invitationTitle', { name }) : t('users.resetTitle', { name })}
      </h3>
      <p className="hint">{t('users.linkShownOnce', { name, until })}</p>
      <div className="row">
        <label>
          {t('users.linkLabel')}
          <input readOnly value={url} size={Math.min(url.length, 70)} onFocus={(e) => e.target.select()} />
        </label>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(url).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            )
          }
        >
          {t('users.copyLink')}
        </button>
      </div>
      {copied === 'yes' && (
        <p role="status" className="ok">
          {t('users.copied')}
        </p>
      )}
      {copied === 'failed' && (
        <p role="alert" className="problem">
          {t('users.copyFailed')}
        </p>
      )}
    </section>
  );
}

interface Scope {
  role: Me['role'];
  organisationIds: string[];
  regionId: string | null;
}

/** The scope a role needs: staff pick wijk-werkorganisaties by name, a manager picks a region. */
function ScopeFields({
  idPrefix,
  scope,
  organisations,
  onChange,
}: {
  idPrefix: string;
  scope: Scope;
  organisations: Organisation[];
  onChange: (scope: Scope) => void;
}) {
  const { t } = useTranslation();
  const wijkWerk = organisations.filter((o) => o.kind === 'WIJK_WERK');
  const regionName = useRegionName();
  const named = useRegions().data ?? [];
  const regions = [...new Set([...named.map((r) => r.id), ...organisations.map((o) => o.regionId)])].sort((a, b) =>
    regionName(a).localeCompare(regionName(b), 'nl'),
  );
  const staff = scope.role === 'ORGANISER' || scope.role === 'COACH';
  return (
    <>
      <label>
        {t('users.role')}
        <select
          value={scope.role}
          onChange={(e) => {
            const role = e.target.value as Me['role'];
            onChange({ role, organisationIds: scope.organisationIds, regionId: scope.regionId });
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`users.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {staff && (
        <fieldset className="choices">
          <legend>{t('users.organisations')}</legend>
          {wijkWerk.length === 0 && <p>{t('users.noOrganisations')}</p>}
          {wijkWerk.map((o) => (
            <label key={o.id} className="inline" htmlFor={`${idPrefix}-org-${o.id}`}>
              <input
                id={`${idPrefix}-org-${o.id}`}
                type="checkbox"
                checked={scope.organisationIds.includes(o.id)}
                onChange={(e) =>
                  onChange({
                    ...scope,
                    organisationIds: e.target.checked
                      ? [...scope.organisationIds, o.id]
                      : scope.organisationIds.filter((id) => id !== o.id),
                  })
                }
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      )}
      {scope.role === 'REGIONAL_MANAGER' && (
        <label>
          {t('users.region')}
          <select
            value={scope.regionId ?? ''}
            onChange={(e) => onChange({ ...scope, regionId: e.target.value || null })}
          >
            <option value="">{t('users.chooseRegion')}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {regionName(r)}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

/** What the API needs for a role: no organisations for a manager, no region for staff. */
function scopeForRole(scope: Scope): Pick<Scope, 'organisationIds' | 'regionId'> {
  if (scope.role === 'REGIONAL_MANAGER') return { organisationIds: [], regionId: scope.regionId };
  if (scope.role === 'ADMIN') return { organisationIds: [], regionId: null };
  return { organisationIds: scope.organisationIds, regionId: null };
}

function EditUser({ user, organisations, onDone }: { user: User; organisations: Organisation[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [active, setActive] = useState(user.active);
  const [scope, setScope] = useState<Scope>({
    role: user.role,
    organisationIds: user.organisationIds,
    regionId: user.regionId,
  });
  const save = useMutation({
    mutationFn: () =>
      post(
        `/admin/users/${encodeURIComponent(user.id)}`,
        { displayName, role: scope.role, active, ...scopeForRole(scope) },
        'PATCH',
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const reset = useMutation({
    mutationFn: () => post<PasswordLink>(`/admin/users/${encodeURIComponent(user.id)}/password-link`, {}),
  });
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('users.editTitle', { name: user.displayName })}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('users.displayName')}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <ScopeFields idPrefix="edit" scope={scope} organisations={organisations} onChange={setScope} />
        <label className="inline">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('users.activeLabel')}
        </label>
        <button type="submit">{t('users.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('users.closeEdit')}
        </button>
      </form>
      <p className="hint">{t('users.scopeChangeHint')}</p>
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p role="status" className="ok">
          {t('users.saved')}
        </p>
      )}
      <p>
        <button type="button" className="secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
          {user.passwordSet === false ? t('users.inviteAgain') : t('users.resetLink')}
        </button>
      </p>
      <p className="hint">{t('users.resetLinkHint')}</p>
      <ProblemMessage error={reset.error} />
      {reset.data && <IssuedLink link={reset.data} name={user.displayName} />}
    </section>
  );
}

interface TargetStep {
  fromTrajectoryMonth: number;
  hours: number;
}

/** The hours API's bounds of `flagAfterMonthsBelow`. */
const RULE_MIN = 1;
const RULE_MAX = 6;

/**
 * The monthly hours target rising over the trajectory, which the month close judges low hours by,
 * and after how many closed months in a row below target a participant is flagged (the rule).
 */
function HoursTargets({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useTranslation();
  const path = `/hours/organisations/${encodeURIComponent(organisation.id)}/hours-targets`;
  const stored = useQuery({
    queryKey: ['hours-targets', organisation.id],
    queryFn: () =>
      api<{
        steps: TargetStep[];
        fallbackMonthlyTarget: number;
        flagAfterMonthsBelow: number;
        defaultFlagAfterMonthsBelow: number;
      }>(path),
  });
  const [steps, setSteps] = useState<TargetStep[] | null>(null);
  const [rule, setRule] = useState<number | null>(null);
  const shown = steps ?? stored.data?.steps ?? [];
  const shownRule = rule ?? stored.data?.flagAfterMonthsBelow ?? 2;
  const save = useMutation({
    mutationFn: () => post(path, { steps: shown, flagAfterMonthsBelow: shownRule }, 'PUT'),
    onSuccess: () => void stored.refetch(),
  });
  const change = (index: number, field: keyof TargetStep, value: number) =>
    setSteps(shown.map((step, i) => (i === index ? { ...step, [field]: value } : step)));
  const last = shown.at(-1);
  return (
    <section className="card" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('targets.title', { name: organisation.name })}</h2>
      <p className="hint">{t('targets.explain', { fallback: stored.data?.fallbackMonthlyTarget ?? 20 })}</p>
      <ProblemMessage error={stored.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {shown.map((step, i) => (
          <fieldset key={i} className="choices">
            <legend>{t('targets.step', { n: i + 1 })}</legend>
            <label>
              {t('targets.from')}
              <input
                type="number"
                min={1}
                max={120}
                value={step.fromTrajectoryMonth}
                onChange={(e) => change(i, 'fromTrajectoryMonth', Number(e.target.value))}
              />
            </label>
            <label>
              {t('targets.hours')}
              <input
                type="number"
                min={1}
                max={60}
                value={step.hours}
                onChange={(e) => change(i, 'hours', Number(e.target.value))}
              />
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => setSteps(shown.filter((_, j) => j !== i))}
              aria-label={t('targets.removeOne', { n: i + 1 })}
            >
              {t('targets.remove')}
            </button>
          </fieldset>
        ))}
        <label>
          {t('targets.rule')}
          <input
            type="number"
            name="flagAfterMonthsBelow"
            min={RULE_MIN}
            max={RULE_MAX}
            step={1}
            required
            aria-describedby="targets-rule-help"
            value={shownRule}
            onChange={(e) => setRule(Number(e.target.value))}
          />
        </label>
        <p className="hint" id="targets-rule-help">
          {t('targets.ruleHelp', {
            min: RULE_MIN,
            max: RULE_MAX,
            default: stored.data?.defaultFlagAfterMonthsBelow ?? 2,
          })}
        </p>
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setSteps([
                ...shown,
                { fromTrajectoryMonth: (last?.fromTrajectoryMonth ?? -2) + 3, hours: last?.hours ?? 20 },
              ])
            }
          >
            {t('targets.add')}
          </button>{' '}
          <button type="submit" disabled={!stored.isSuccess}>
            {t('targets.save')}
          </button>{' '}
          <button type="button" className="secondary" onClick={onDone}>
            {t('users.closeEdit')}
          </button>
        </div>
      </form>
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p role="status" className="ok">
          {t('targets.saved')}
        </p>
      )}
    </section>
  );
}

/** A number of days a service reads, with the bounds it accepts. */
interface DaySetting {
  name: string;
  min: number;
  max: number;
}

/**
 * An organisation's day windows as a service stores them (`GET|PUT path`, answering the values, the
 * `defaults` and `editedAt`): the coaching gap windows and the flow-through alert rules share it.
 */
function DaySettingsEditor({
  organisation,
  onDone,
  path,
  keyPrefix,
  settings,
}: {
  organisation: Organisation;
  onDone: () => void;
  path: string;
  /** The i18n key and the element ids: `gapSettings`, `alertRules`. */
  keyPrefix: string;
  settings: readonly DaySetting[];
}) {
  const { t } = useTranslation();
  type Values = Record<string, number>;
  const stored = useQuery({
    queryKey: [keyPrefix, organisation.id],
    queryFn: () => api<Values & { defaults: Values; editedAt: string | null }>(path),
  });
  const [values, setValues] = useState<Values | null>(null);
  const shown: Values | null =
    values ?? (stored.data ? Object.fromEntries(settings.map(({ name }) => [name, stored.data[name]])) : null);
  const save = useMutation({
    mutationFn: () => post(path, shown, 'PUT'),
    onSuccess: () => void stored.refetch(),
  });
  const bounds = { min: Math.min(...settings.map((s) => s.min)), max: Math.max(...settings.map((s) => s.max)) };
  return (
    <section className="card" aria-labelledby={`${keyPrefix}-title`}>
      <h2 id={`${keyPrefix}-title`}>{t(`${keyPrefix}.title`, { name: organisation.name })}</h2>
      <p className="hint">
        {t(`${keyPrefix}.explain`, bounds)} {stored.data && !stored.data.editedAt && t(`${keyPrefix}.usingDefaults`)}
      </p>
      <ProblemMessage error={stored.error} />
      {shown && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {settings.map(({ name, min, max }) => (
            <div key={name}>
              <label>
                {t(`${keyPrefix}.${name}`)}
                <input
                  type="number"
                  min={min}
                  max={max}
                  step={1}
                  required
                  value={shown[name]}
                  aria-describedby={`${keyPrefix}-${name}-hint`}
                  onChange={(e) => setValues({ ...shown, [name]: Number(e.target.value) })}
                />
              </label>
              <p className="hint" id={`${keyPrefix}-${name}-hint`}>
                {t(`${keyPrefix}.${name}Hint`, { days: stored.data?.defaults[name], min, max })}
              </p>
            </div>
          ))}
          <div className="row">
            <button type="submit">{t(`${keyPrefix}.save`)}</button>{' '}
            <button type="button" className="secondary" onClick={onDone}>
              {t('users.closeEdit')}
            </button>
          </div>
        </form>
      )}
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p role="status" className="ok">
          {t(`${keyPrefix}.saved`)}
        </p>
      )}
    </section>
  );
}

/** Coaching's gap windows: whole days from 7 to 180 each. */
const GAP_WINDOWS: DaySetting[] = ['baselineDueDays', 'unaddressedDays', 'stalledDays'].map((name) => ({
  name,
  min: 7,
  max: 180,
}));

/** Flow-through's alert rules: days before the planned end, and before an evaluation. */
const ALERT_RULES: DaySetting[] = [
  { name: 'endingWithinDays', min: 7, max: 180 },
  { name: 'evaluationWithinDays', min: 1, max: 90 },
];

function GapSettings({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  return (
    <DaySettingsEditor
      organisation={organisation}
      onDone={onDone}
      path={`/coaching/organisations/${encodeURIComponent(organisation.id)}/gap-settings`}
      keyPrefix="gapSettings"
      settings={GAP_WINDOWS}
    />
  );
}

function AlertRulesEditor({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  return (
    <DaySettingsEditor
      organisation={organisation}
      onDone={onDone}
      path={`/flow-through/organisations/${encodeURIComponent(organisation.id)}/alert-rules`}
      keyPrefix="alertRules"
      settings={ALERT_RULES}
    />
  );
}

function Organisations({ organisations }: { organisations: Organisation[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty: Organisation = { id: '', name: '', kind: 'WIJK_WERK', regionId: '' };
  const [form, setForm] = useState<Organisation>(empty);
  const [targetsOf, setTargetsOf] = useState<Organisation | null>(null);
  const [gapSettingsOf, setGapSettingsOf] = useState<Organisation | null>(null);
  const [alertRulesOf, setAlertRulesOf] = useState<Organisation | null>(null);
  const regions = useRegions();
  const regionName = useRegionName();
  const save = useMutation({
    mutationFn: () => post('/flow-through/organisations', form, 'PUT'),
    onSuccess: () => {
      setForm(empty);
      void client.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  return (
    <section className="card" aria-labelledby="organisations-title">
      <h2 id="organisations-title">{t('organisations.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('organisations.name')}</th>
            <th scope="col">{t('organisations.kind')}</th>
            <th scope="col">{t('organisations.region')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('organisations.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{t(`organisations.${o.kind}`)}</td>
              <td>{regionName(o.regionId)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => setForm(o)}
                  aria-label={t('organisations.editOne', { name: o.name })}
                >
                  {t('organisations.edit')}
                </button>{' '}
                {o.kind === 'WIJK_WERK' && (
                  <>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setTargetsOf(o)}
                      aria-label={t('targets.openOne', { name: o.name })}
                    >
                      {t('targets.open')}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setGapSettingsOf(o)}
                      aria-label={t('gapSettings.openOne', { name: o.name })}
                    >
                      {t('gapSettings.open')}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setAlertRulesOf(o)}
                      aria-label={t('alertRules.openOne', { name: o.name })}
                    >
                      {t('alertRules.open')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {targetsOf && <HoursTargets key={targetsOf.id} organisation={targetsOf} onDone={() => setTargetsOf(null)} />}
      {gapSettingsOf && (
        <GapSettings key={gapSettingsOf.id} organisation={gapSettingsOf} onDone={() => setGapSettingsOf(null)} />
      )}
      {alertRulesOf && (
        <AlertRulesEditor key={alertRulesOf.id} organisation={alertRulesOf} onDone={() => setAlertRulesOf(null)} />
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('organisations.id')}
          <input
            value={form.id}
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            title={t('organisations.idHint')}
            onChange={(e) => setForm({ ...form, id: e.target.value })}
          />
        </label>
        <label>
          {t('organisations.name')}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('organisations.kind')}
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as Organisation['kind'] })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisations.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('organisations.region')}
          <select value={form.regionId} onChange={(e) => setForm({ ...form, regionId: e.target.value })}>
            <option value="">{t('users.chooseRegion')}</option>
            {[...new Set([...(regions.data ?? []).map((r) => r.id), ...organisations.map((o) => o.regionId)])].map(
              (id) => (
                <option key={id} value={id}>
                  {regionName(id)}
                </option>
              ),
            )}
          </select>
        </label>
        <button type="submit">{t('organisations.save')}</button>
      </form>
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p role="status" className="ok">
          {t('organisations.saved')}
        </p>
      )}
    </section>
  );
}

export function Admin() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<User[]>('/admin/users') });
  const organisationsQuery = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<Organisation[]>('/flow-through/organisations'),
  });
  const organisations = organisationsQuery.data ?? [];
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const regionName = useRegionName();
  const [form, setForm] = useState({ email: '', displayName: '' });
  const [scope, setScope] = useState<Scope>({ role: 'ORGANISER', organisationIds: [], regionId: null });
  const [editing, setEditing] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      post<User & { invitation?: PasswordLink }>('/admin/users', {
        ...form,
        role: scope.role,
        ...scopeForRole(scope),
      }),
    onSuccess: () => {
      setForm({ email: '', displayName: '' });
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const list = users.data ?? [];
  const editedUser = list.find((u) => u.id === editing);
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <>
      <h1>{t('users.title')}</h1>
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t('users.create')}</h2>
        <p className="hint">{t('users.inviteHint')}</p>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          {field('email', t('users.email'), 'email')}
          {field('displayName', t('users.displayName'))}
          <ScopeFields idPrefix="create" scope={scope} organisations={organisations} onChange={setScope} />
          <button type="submit">{t('users.create')}</button>
        </form>
        <ProblemMessage error={create.error} />
        {create.isSuccess && (
          <p role="status" className="ok">
            {t('users.created')}
          </p>
        )}
        {create.data?.invitation && <IssuedLink link={create.data.invitation} name={create.data.displayName} />}
      </section>
      {editedUser && (
        <EditUser key={editedUser.id} user={editedUser} organisations={organisations} onDone={() => setEditing(null)} />
      )}
      <ProblemMessage error={users.error} />
      <table>
        <caption className="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.displayName')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.scope')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('organisations.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{t(`users.${u.role}`)}</td>
              <td>{u.organisationIds.map(nameOf).join(', ') || regionName(u.regionId) || t('users.everything')}</td>
              <td>
                {!u.active ? t('users.blocked') : u.passwordSet === false ? t('users.invited') : t('users.active')}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => setEditing(u.id)}
                  aria-label={t('users.editOne', { name: u.displayName })}
                >
                  {t('users.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemMessage error={organisationsQuery.error} />
      <AdminRegions usedIds={organisations.map((o) => o.regionId)} />
      <Organisations organisations={organisations} />
    </>
  );
}
