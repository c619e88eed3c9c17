"use client";
// "Practice" on MyPatients Registration (SPEC §4): an ARIA combobox that finds enrolled practices
// as the provider types (a bounded search on the server, never the whole list). Without
// JavaScript, "Search" submits the form and the practices found come back as a list of choices.
import { useEffect, useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import type { PracticeMatch } from "@/lib/practices/directory";
import { findPracticesAction } from "./actions";

const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

const noSubscription = () => () => {};

function describe(match: PracticeMatch): string {
  return match.city ? `${match.name}, ${match.city}` : match.name;
}

export function PracticeField({
  query: initialQuery,
  selectedId,
  serverMatches,
  error,
}: {
  query: string;
  selectedId: string;
  /** Practices found by the form's own "Search" (the page without JavaScript). */
  serverMatches?: PracticeMatch[];
  error?: string;
}) {
  // Once scripts run, "Search" opens the list instead of submitting the form.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [query, setQuery] = useState(initialQuery);
  const [matches, setMatches] = useState<PracticeMatch[]>([]);
  // A practice chosen before a refused submission stays chosen.
  const [selected, setSelected] = useState<PracticeMatch | null>(selectedId && initialQuery ? { id: selectedId, name: initialQuery, city: null } : null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const [, startTransition] = useTransition();
  const latest = useRef(0);
  const ids = useId();
  const listId = `${ids}-practices`;
  const optionId = (index: number) => `${ids}-practice-${index}`;

  useEffect(() => {
    if (!hydrated || selected?.name === query) return;
    const search = ++latest.current;
    const timer = setTimeout(() => {
      const form = new FormData();
      form.set("query", query);
      startTransition(async () => {
        const result = await findPracticesAction({ ok: false }, form);
        if (search !== latest.current) return; // a newer search is on its way
        const found = result.matches ?? [];
        setMatches(found);
        setActive(-1);
        setOpen(query.trim().length >= 2);
        setAnnouncement(query.trim().length < 2 ? "" : found.length === 0 ? "No enrolled practice matches." : `${found.length} ${found.length === 1 ? "practice" : "practices"} found. Use the arrow keys to choose.`);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [query, hydrated, selected]);

  function choose(match: PracticeMatch) {
    setSelected(match);
    setQuery(match.name);
    setOpen(false);
    setActive(-1);
    setAnnouncement(`Selected ${describe(match)}.`);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) setOpen(matches.length > 0);
      if (matches.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === "Enter" && open) {
      event.preventDefault(); // choosing a practice must not submit the form
      const match = matches[active] ?? (matches.length === 1 ? matches[0] : undefined);
      if (match) choose(match);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const errorId = error ? "practiceId-error" : undefined;
  const showServerMatches = !selected && serverMatches && serverMatches.length > 0;
  return (
    <div>
      <label htmlFor="practiceQuery" className="block text-sm font-medium text-slate-900">
        Practice
      </label>
      <p id="practiceQuery-hint" className="mt-0.5 text-sm text-slate-600">
        Type part of your practice&apos;s name, then choose it from the list.
      </p>
      <div className="relative mt-1 flex gap-2">
        <input
          id="practiceQuery"
          name="practiceQuery"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-describedby={["practiceQuery-hint", errorId].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          maxLength={100}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (selected && event.target.value !== selected.name) setSelected(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          className={inputClass}
        />
        <button
          type={hydrated ? "button" : "submit"}
          name="intent"
          value="findPractice"
          formNoValidate
          onClick={hydrated ? () => setOpen(matches.length > 0) : undefined}
          className="rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
        >
          Search
        </button>
        <ul id={listId} role="listbox" aria-label="Enrolled practices" hidden={!open} className="absolute left-0 right-0 top-full z-10 mt-1 max-h-72 overflow-y-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg">
          {matches.map((match, index) => (
            <li
              key={match.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(match);
              }}
              className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-700 text-white" : "hover:bg-brand-50"}`}
            >
              {match.name}
              {match.city ? <span className={index === active ? "text-white/85" : "text-slate-600"}> · {match.city}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      {showServerMatches ? (
        <fieldset className="mt-3 rounded-md border border-slate-300 p-3">
          <legend className="px-1 text-sm font-medium">Choose your practice</legend>
          {serverMatches.map((match) => (
            <label key={match.id} className="flex items-center gap-2 py-1">
              <input type="radio" name="practiceId" value={match.id} defaultChecked={match.id === selectedId} className="h-4 w-4 accent-brand-700" />
              {describe(match)}
            </label>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name="practiceId" value={selected?.id ?? selectedId} />
      )}
      {selected ? <p className="mt-1 text-sm text-slate-700">Selected: {describe(selected)}</p> : null}
      {/* Announced, not a status of the form: the form's own message keeps role="status". */}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {error ? (
        <p id="practiceId-error" className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
