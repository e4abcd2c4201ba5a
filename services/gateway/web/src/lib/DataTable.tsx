import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHead } from './TableHead';

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
}

/** A plain data table; a scrollable, focusable region so a narrow screen can still reach every column. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-label={t('dashboard.tableOf', { caption })} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead columns={columns} />
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <td key={column.header} className={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
