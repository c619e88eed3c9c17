import { connection } from "next/server";
import { SearchForm } from "./search-form";

export default async function SearchPage() {
  await connection();
  return (
    <main>
      <h1>Search</h1>
      <SearchForm />
    </main>
  );
}
