/** A column: its heading, its cell for a row, and whether the cell must not wrap (a date, say). */
export type Column<Row> = [heading: string, cell: (row: Row) => React.ReactNode, options?: { nowrap?: boolean }];

/**
 * A table of rows, one per `id`, that may scroll sideways on a narrow screen: the scrolling
 * region is focusable and named, so keyboard users can scroll it too.
 */
export function DataTable<Row extends { id: string }>({ label, caption, rows, columns }: { label: string; caption?: string; rows: Row[]; columns: Column<Row>[] }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible">
      <table className="min-w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map(([heading]) => (
              <th key={heading} scope="col" className="px-3 py-2 font-semibold">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map(([heading, cell, options]) => (
                <td key={heading} className={`${options?.nowrap ? "whitespace-nowrap " : ""}px-3 py-2 align-top`}>{cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
