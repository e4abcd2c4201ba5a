/** A table's column headings, one `th scope="col"` each; a numeric column is right-aligned like its figures. */
export function TableHead({ columns }: { columns: Array<{ header: string; numeric?: boolean }> }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
            {column.header}
          </th>
        ))}
      </tr>
    </thead>
  );
}
