/** The words of the notice; MyChildren's passes them in the family's language. */
export interface UnavailableText {
  title: string;
  body: string;
}

const ENGLISH: UnavailableText = {
  title: "This page is unavailable right now",
  body: "We cannot reach the records service, so nothing was shown and nothing was changed. Please try again in a moment.",
};

/** Shown in place of a portal page when the database cannot be reached: readable without scripts. */
export function PortalUnavailable({ text = ENGLISH }: { text?: UnavailableText }) {
  return (
    <div role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
      <p className="mt-3 text-slate-700">{text.body}</p>
    </div>
  );
}
