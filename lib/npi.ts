// National Provider Identifier: 10 digits whose last digit is a Luhn check digit computed
// over the card-issuer prefix "80840" followed by the first nine digits.

const NPI_PREFIX = "80840";

/** The Luhn check digit for an NPI whose first nine digits are `first9`. */
export function npiCheckDigit(first9: string): string {
  if (!/^\d{9}$/.test(first9)) throw new Error("an NPI base must be exactly 9 digits");
  const payload = NPI_PREFIX + first9;
  let sum = 0;
  // Walking from the right, double every other digit starting with the rightmost one
  // (it sits next to the check digit that will be appended).
  for (let i = 0; i < payload.length; i++) {
    let digit = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when `npi` is exactly 10 digits and its last digit is the correct check digit. */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === npi[9];
}
