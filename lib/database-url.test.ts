import { describe, expect, it } from "vitest";
import { readDatabaseUrl } from "./database-url";

describe("readDatabaseUrl", () => {
  it("prepares statements unless the URL says prepared_statements=false, and never passes that on", () => {
    expect(readDatabaseUrl("postgresql://postgres@127.0.0.1:5432/mypatients")).toEqual({ connectionString: "postgresql://postgres@127.0.0.1:5432/mypatients", preparedStatements: true });
    expect(readDatabaseUrl("postgresql://app:s%40cret@db.internal:6432/mypatients?sslmode=require&prepared_statements=false")).toEqual({
      connectionString: "postgresql://app:s%40cret@db.internal:6432/mypatients?sslmode=require",
      preparedStatements: false,
    });
    expect(readDatabaseUrl("postgresql://postgres@127.0.0.1:5432/x?prepared_statements=true").preparedStatements).toBe(true);
  });
});
