import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtMonth, locale, shiftMonth } from '../i18n';
import { currentMonthInBrussels, todayInBrussels } from '../lib/clock';
import type { GroupSession } from './coach-kit';
import { monthWeeks } from './session-calendar';

/**
 * The group sessions of one month as a wall calendar (weeks from Monday, as in Belgium), with the
 * month before and after one press away; opens on the chosen session's month, else this month.
 */
export function SessionCalendar({ sessions, selectedId }: { sessions: GroupSession[]; selectedId?: string }) {
  const { t } = useTranslation();
  const selected = sessions.find((s) => s.id === selectedId);
  const [month, setMonth] = useState(selected ? selected.date.slice(0, 7) : currentMonthInBrussels());
  const today = todayInBrussels();
  const byDate = new Map<string, GroupSession[]>();
  for (const s of [...sessions].sort((a, b) => `${a.date}${a.startTime}`.localeCompare(`${b.date}${b.startTime}`)))
    byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  const inMonth = sessions.filter((s) => s.date.startsWith(month)).length;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) =>
    new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d))),
  );
  const weekdayNames = [1, 2, 3, 4, 5, 6, 7].map((d) =>
    new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d))),
  );

  return (
    <div className="session-calendar">
      <div className="row calendar-nav">
        <button type="button" onClick={() => setMonth(shiftMonth(month, -1))}>
          ← {fmtMonth(shiftMonth(month, -1))}
        </button>
        <button
          type="button"
          onClick={() => setMonth(currentMonthInBrussels())}
          disabled={month === currentMonthInBrussels()}
        >
          {t('coach.calendarThisMonth')}
        </button>
        <button type="button" onClick={() => setMonth(shiftMonth(month, 1))}>
          {fmtMonth(shiftMonth(month, 1))} →
        </button>
      </div>
      <table className="calendar-grid">
        <caption>{t('coach.calendarCaption', { month: fmtMonth(month), count: inMonth })}</caption>
        <thead>
          <tr>
            {weekdays.map((day, i) => (
              <th key={day} scope="col" abbr={weekdayNames[i]}>
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const outside = !date.startsWith(month);
                const list = byDate.get(date) ?? [];
                return (
                  <td
                    key={date}
                    className={[outside ? 'outside' : '', date === today ? 'today' : ''].join(' ').trim() || undefined}
                    aria-current={date === today ? 'date' : undefined}
                  >
                    <span className="day-number">{Number(date.slice(8))}</span>
                    {!outside && list.length > 0 && (
                      <ul>
                        {list.map((s) => {
                          const enrolled = s.enrolments.length;
                          return (
                            <li key={s.id} className={s.id === selectedId ? 'selected' : undefined}>
                              <Link
                                to={`/coach/group-sessions/${s.id}`}
                                aria-current={s.id === selectedId ? 'true' : undefined}
                                aria-label={t('coach.calendarSession', {
                                  date: new Intl.DateTimeFormat(locale(), {
                                    dateStyle: 'full',
                                    timeZone: 'UTC',
                                  }).format(new Date(`${date}T12:00:00Z`)),
                                  start: s.startTime,
                                  end: s.endTime,
                                  title: s.title,
                                  place: s.place,
                                  seats: t('coach.seats', { enrolled, capacity: s.capacity }),
                                  status: t(`coach.sessionStatus.${s.status}`),
                                })}
                              >
                                <span className="time">{s.startTime}</span> {s.title}
                              </Link>
                              <span className="hint">{t('coach.seats', { enrolled, capacity: s.capacity })}</span>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
