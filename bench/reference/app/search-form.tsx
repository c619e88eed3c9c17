"use client";
import { useActionState } from "react";
import { search } from "./actions";

export function SearchForm() {
  const [state, action] = useActionState(search, { ok: false });
  return (
    <form action={action}>
      <label>
        MRN <input name="mrn" />
      </label>
      <label>
        Last name <input name="lastName" />
      </label>
      <label>
        Date of birth <input name="dateOfBirth" type="date" />
      </label>
      <button>Search</button>
      <ul>{state.results?.map((result) => <li key={result.mrn}>{`${result.name} ${result.mrn} ${result.viewable ? "" : "not authorized"}`}</li>)}</ul>
    </form>
  );
}
