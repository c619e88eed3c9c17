"use client";
import "./globals.css";

// The last resort, when even the root layout fails: its own document, no detail of the error.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900">
        <main id="main" className="mx-auto max-w-2xl px-4 py-16">
          <h1 className="text-2xl font-semibold tracking-tight">The portal is unavailable right now</h1>
          <p className="mt-3 text-slate-700">Nothing was shown and nothing was changed. Please try again in a moment.</p>
          {error.digest ? <p className="mt-2 text-sm text-slate-600">Reference: {error.digest}</p> : null}
          <button type="button" onClick={reset} className="mt-6 rounded-md bg-slate-800 px-4 py-2 font-semibold text-white">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
