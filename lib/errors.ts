/** The first non-empty line of an error's message: enough for a log line or a one-line report. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").map((line) => line.trim()).find(Boolean) ?? (error instanceof Error ? error.name : "unknown error");
}
