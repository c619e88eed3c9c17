"use client";
// What a page shows when it fails (the database is unreachable, say): a plain explanation,
// never the error itself. The server logs it; the digest ties the two together.

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">This page is unavailable right now</h1>
      <p className="mt-3 text-slate-700">
        Something went wrong on our side, so nothing was shown and nothing was changed. Please try again in a moment.
      </p>
      {error.digest ? <p className="mt-2 text-sm text-slate-600">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        Try again
      </button>
    </main>
  );
}
