import { describe, expect, it } from "vitest";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };

// The catalogs (SPEC §9): every message in English is in Spanish and the other way round, nested
// keys included, and each says it with the same placeholders ({name}) and the same tags (<strong>).

type Catalog = { [key: string]: string | Catalog };

/** Every message of a catalog by its full key ("request.ends.3m"). */
function messages(catalog: Catalog, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") found.set(prefix + key, value);
    else for (const [inner, text] of messages(value, `${prefix}${key}.`)) found.set(inner, text);
  }
  return found;
}

/** The placeholders and tags a message uses, sorted. */
function slots(message: string): string[] {
  const names = [...message.matchAll(/\{\s*(\w+)/g)].map((match) => `{${match[1]}}`);
  const tags = [...message.matchAll(/<(\w+)>/g)].map((match) => `<${match[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

const english = messages(en);
const spanish = messages(es);

describe("the catalogs", () => {
  it("are not empty (the checks below have something to check)", () => {
    expect(english.size).toBeGreaterThan(100);
  });

  it("every English key is in Spanish", () => {
    expect([...english.keys()].filter((key) => !spanish.has(key))).toEqual([]);
  });

  it("every Spanish key is in English", () => {
    expect([...spanish.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it("no message is empty", () => {
    expect([...english, ...spanish].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });

  it("each message has the same placeholders and tags in both languages", () => {
    const differing = [...english].filter(([key, text]) => spanish.has(key) && slots(text).join() !== slots(spanish.get(key)!).join());
    expect(differing.map(([key, text]) => `${key}: ${slots(text).join()} / ${slots(spanish.get(key)!).join()}`)).toEqual([]);
  });

  it("the slot reader finds placeholders and tags (so the check above can fail)", () => {
    expect(slots("<strong>{provider}</strong> of {practice} on { date }")).toEqual(["<strong>", "{date}", "{practice}", "{provider}"]);
  });

  it("a missing key or placeholder is caught: the helpers see a difference", () => {
    const missing = messages({ a: { b: "x" } });
    expect(missing.has("a.b")).toBe(true);
    expect(messages({ a: {} }).has("a.b")).toBe(false);
    expect(slots("Hola {name}")).not.toEqual(slots("Hola"));
  });
});
