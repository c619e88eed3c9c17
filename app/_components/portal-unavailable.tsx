/** Shown in place of a portal page when the database cannot be reached: readable without scripts. */
export function PortalUnavailable() {
  return (
    <div role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">This page is unavailable right now</h1>
      <p className="mt-3 text-slate-700">
        We cannot reach the records service, so nothing was shown and nothing was changed. Please try again in a moment.
      </p>
    </div>
  );
}
