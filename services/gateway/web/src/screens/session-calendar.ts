/** The weeks (Monday to Sunday) that show month `month` (YYYY-MM), as lists of YYYY-MM-DD dates. */
export function monthWeeks(month: string): string[][] {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, index - 1, 1));
  const mondayOffset = (first.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const cursor = new Date(first);
  cursor.setUTCDate(1 - mondayOffset);
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let d = 0; d < 7; d++) {
      week.push(cursor.toISOString().slice(0, 10));
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === index - 1);
  return weeks;
}
