/**
 * A table that may scroll sideways on a narrow screen: the scrolling region is focusable and
 * named, so keyboard users can scroll it too.
 */
export function TableFrame({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {children}
    </div>
  );
}
