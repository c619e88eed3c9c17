// What a medical record number looks like here: 1 to 20 digits. Anything else names no patient,
// so it is refused before any query.
export const MRN_PATTERN = /^\d{1,20}$/;

/** Whether `value` has the shape of an MRN. */
export function isMrn(value: string): boolean {
  return MRN_PATTERN.test(value);
}
